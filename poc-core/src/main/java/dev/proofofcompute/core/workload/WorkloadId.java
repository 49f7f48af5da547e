package dev.proofofcompute.core.workload;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The content address of a workload: {@code H("poc/workload/id/v1", name, version, config)} where
 * {@code config} is the workload's canonical configuration (for example the hash of its weights).
 * Two workloads with the same id compute the same function.
 */
public record WorkloadId(String name, int version, Digest digest) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  public WorkloadId {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a workload name is 1..63 characters of a-z, 0-9 and '-', starting with a letter: "
              + name);
    }
    if (version < 1) {
      throw new IllegalArgumentException("a workload version is >= 1, got " + version);
    }
  }

  /**
   * The id of workload {@code name} at {@code version} with canonical configuration {@code config}.
   */
  public static WorkloadId of(String name, int version, Bytes config) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer header = ByteBuffer.allocate(1 + n.length + 4 + 8);
    header.put((byte) n.length).put(n).putInt(version).putLong(config.length());
    Digest d = Hashes.hash("poc/workload/id/v1", header.array(), config.toByteArray());
    return new WorkloadId(name, version, d);
  }

  @Override
  public String toString() {
    return name + "@" + version + ":" + digest.toHex().substring(0, 16);
  }
}
