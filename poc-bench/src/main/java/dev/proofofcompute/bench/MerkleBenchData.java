package dev.proofofcompute.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The deterministic input of {@link MerkleThroughputBenchmark}: 256 MiB from a seeded {@link
 * SplittableRandom}. Its {@code main} writes the same bytes to a file, so that external tools
 * ({@code openssl dgst}, {@code sha256sum}) hash exactly what the benchmark commits to.
 */
public final class MerkleBenchData {
  /** 256 MiB. */
  public static final int LENGTH = 256 << 20;

  /** 4 KiB leaves: 65,536 of them. */
  public static final int LEAF_SIZE = 4 << 10;

  private static final long SEED = 0x6962_9162L;

  private MerkleBenchData() {}

  public static byte[] generate() {
    byte[] data = new byte[LENGTH];
    new SplittableRandom(SEED).nextBytes(data);
    return data;
  }

  /** Writes the benchmark input to the file named by the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: MerkleBenchData <output file>");
      System.exit(2);
    }
    try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
      out.write(generate());
    }
  }
}
