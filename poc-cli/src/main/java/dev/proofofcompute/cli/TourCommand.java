package dev.proofofcompute.cli;

import dev.proofofcompute.core.message.MessageVerifier;
import dev.proofofcompute.core.message.ReplayGuard;
import dev.proofofcompute.core.message.SignedMessage;
import dev.proofofcompute.core.message.VerifiedMessage;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;
import dev.proofofcompute.crypto.merkle.MultiProof;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.crypto.transcript.Transcript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code poc tour}: a commit-and-sample walkthrough on the crypto core — providers compute a batch
 * of items, commit to the outputs with a Merkle root in a signed message, a verifier draws samples
 * after the commitment and checks batch openings; lazy providers that fake a fraction of the items
 * are caught at the rate the theory predicts; every message goes into an RFC 6962 log whose proofs
 * are checked and tampered with. Every figure printed is computed in this run.
 */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the commit-and-sample walkthrough: signed Merkle commitments, samples drawn after the",
      "commitment, batch openings, lazy providers caught, and an RFC 6962 log of every message."
    })
final class TourCommand implements Callable<Integer> {
  private static final String COMMIT_TYPE = "poc/demo/commitment/v1";

  @Option(names = "--seed", description = "Seed of every random choice (default: random, printed).")
  Long seed;

  @Option(names = "--items", defaultValue = "4096", description = "Items per job (default 4096).")
  int items;

  @Option(
      names = "--samples",
      defaultValue = "66",
      description = "Samples the verifier opens per job (default 66).")
  int samples;

  @Option(
      names = "--trials",
      defaultValue = "100",
      description = "Jobs per provider (default 100).")
  int trials;

  @Option(
      names = "--work",
      defaultValue = "32",
      description = "SHA-256 rounds per item: the cost of one item (default 32).")
  int work;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (items < 2 || samples < 1 || samples > items || trials < 1 || work < 1) {
      throw new IllegalArgumentException(
          "need --items >= 2, 1 <= --samples <= --items, --trials >= 1, --work >= 1");
    }
    long s = seed != null ? seed : RandomSource.secure().nextLong();
    RandomSource random = RandomSource.seeded(s);
    out.printf("poc tour — seed %d (rerun with --seed %d)%n%n", s, s);

    // 1. Identities, saved as PEM files with owner-only private keys.
    Path keys = Files.createTempDirectory("poc-demo-keys");
    NodeIdentity verifierId = NodeIdentity.fromSeed(random.nextBytes(32));
    List<Provider> providers =
        List.of(
            new Provider("honest", 0.0, NodeIdentity.fromSeed(random.nextBytes(32))),
            new Provider("lazy f=0.10", 0.10, NodeIdentity.fromSeed(random.nextBytes(32))),
            new Provider("lazy f=0.02", 0.02, NodeIdentity.fromSeed(random.nextBytes(32))));
    for (Provider p : providers) {
      Path file = keys.resolve(p.identity.nodeId().shortForm() + ".key");
      KeyFiles.savePrivateKey(file, p.identity);
      NodeIdentity loaded = KeyFiles.loadPrivateKey(file);
      out.printf(
          "provider %-12s node %s  key %s (%s, reloaded: %s)%n",
          p.name,
          p.identity.nodeId().shortForm(),
          file.getFileName(),
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
          loaded.nodeId().equals(p.identity.nodeId()) ? "same id" : "MISMATCH");
    }
    out.printf("verifier              node %s%n%n", verifierId.nodeId().shortForm());

    // 2. Jobs: commit, sample after the commitment, open, check.
    ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    MessageVerifier messages =
        MessageVerifier.create(clock, Duration.ofMinutes(5), ReplayGuard.withCapacity(1 << 16));
    List<Digest> logLeaves = new ArrayList<>();
    long hashedItems = 0;
    long checkedItems = 0;
    long proofBytes = 0;
    for (int t = 0; t < trials; t++) {
      Digest jobSeed = Digest.of(random.nextBytes(32));
      for (Provider p : providers) {
        List<Bytes> outputs = p.execute(jobSeed, items, work, random);
        hashedItems += items;
        MerkleTree tree = MerkleTree.ofLeaves(outputs);
        CborMap payload =
            CborMap.builder()
                .put("job", jobSeed)
                .put("root", tree.root())
                .put("items", items)
                .build();
        SignedMessage commitment =
            SignedMessage.sign(
                p.identity, COMMIT_TYPE, clock.instant(), random.nextBytes(16), payload);
        VerifiedMessage verified = messages.verify(commitment, COMMIT_TYPE);
        logLeaves.add(MerkleHashes.leafHash(commitment.encode()));
        // The verifier's challenge randomness is drawn only now, after the commitment.
        Transcript challenge = Transcript.create("poc/demo/spot-check/v1");
        challenge.absorb("commitment", commitment.body());
        challenge.absorb("verifier-randomness", random.nextBytes(32));
        long[] picked = challenge.squeezeIndices("samples", samples, items, true);
        List<Long> indices = new ArrayList<>();
        for (long i : picked) {
          indices.add(i);
        }
        indices.sort(null);
        MultiProof opening = tree.multiProof(indices);
        proofBytes += opening.toBytes().length();
        boolean caught = false;
        try {
          Digest root = verified.payload().getDigest("root");
          List<Digest> leafHashes = new ArrayList<>();
          for (long i : indices) {
            leafHashes.add(MerkleHashes.leafHash(outputs.get((int) i)));
          }
          MerkleVerifier.verifyMulti(leafHashes, MultiProof.parse(opening.toBytes()), root);
          for (long i : indices) {
            checkedItems++;
            if (!honestItem(jobSeed, (int) i, work).equals(outputs.get((int) i))) {
              caught = true;
            }
          }
        } catch (DecodingException | VerificationException e) {
          caught = true;
        }
        p.record(caught);
        clock.advance(Duration.ofSeconds(1));
      }
    }

    out.printf(
        "%d jobs per provider, %d items each, %d samples opened per job%n", trials, items, samples);
    out.printf(
        "%-14s %8s %8s %10s %12s %12s%n",
        "provider", "jobs", "caught", "detected", "theory", "95% range");
    for (Provider p : providers) {
      double theory =
          1 - hypergeometricEscape(items, (int) Math.round(p.fakedFraction * items), samples);
      double sd = Math.sqrt(theory * (1 - theory) / trials);
      out.printf(
          "%-14s %8d %8d %9.2f%% %11.2f%% %5.1f-%5.1f%%%n",
          p.name,
          p.jobs,
          p.caught,
          100.0 * p.caught / p.jobs,
          100 * theory,
          100 * Math.max(0, theory - 2 * sd),
          100 * Math.min(1, theory + 2 * sd));
    }
    out.printf(
        "verification cost: %d of %d items recomputed (%.2f%%), %.0f bytes of opening per job%n%n",
        checkedItems,
        hashedItems,
        100.0 * checkedItems / hashedItems,
        (double) proofBytes / (trials * providers.size()));

    // 3. The log of every commitment: inclusion, consistency, and tampering.
    MerkleTree log = MerkleTree.ofLeafHashes(logLeaves);
    int n = log.size();
    int old = n / 2;
    InclusionProof inclusion = log.inclusionProof(n / 3);
    ConsistencyProof consistency = log.consistencyProof(old);
    MerkleVerifier.verifyInclusion(log.leafHash(n / 3), n / 3, n, log.root(), inclusion);
    MerkleVerifier.verifyConsistency(log.root(old), log.root(), consistency);
    out.printf("log of %d signed commitments, root %s%n", n, log.root());
    out.printf(
        "inclusion proof of entry %d (%d hashes) and consistency proof %d -> %d (%d hashes) verify%n",
        n / 3, inclusion.path().size(), old, n, consistency.path().size());
    int[] rejected = tamper(inclusion.toBytes(), log.leafHash(n / 3), n / 3, n, log.root());
    out.printf(
        "tampering: %d of %d single-bit flips of the inclusion proof rejected%n",
        rejected[0], rejected[1]);
    try (var paths = Files.walk(keys)) {
      paths.sorted((a, b) -> b.compareTo(a)).forEach(TourCommand::deleteQuietly);
    }
    out.flush();
    return rejected[0] == rejected[1] ? 0 : 1;
  }

  /** One item of work: {@code work} rounds of tagged SHA-256 over the job seed and index. */
  static Bytes honestItem(Digest jobSeed, int index, int work) {
    MessageDigest md = Hashes.tagged("poc/demo/item/v1");
    byte[] state = ByteBuffer.allocate(36).put(jobSeed.toByteArray()).putInt(index).array();
    for (int r = 0; r < work; r++) {
      md.update(state);
      state = md.digest();
      md = Hashes.tagged("poc/demo/item/v1");
    }
    return Bytes.of(state);
  }

  /** Probability that s samples without replacement from n items miss all f faked ones. */
  static double hypergeometricEscape(int n, int f, int s) {
    double p = 1;
    for (int i = 0; i < s; i++) {
      p *= (double) (n - f - i) / (n - i);
      if (p <= 0) {
        return 0;
      }
    }
    return p;
  }

  /** Flips every bit of an encoded inclusion proof; the verifier knows index and size (STH). */
  private static int[] tamper(Bytes proof, Digest leaf, long index, long size, Digest root) {
    byte[] raw = proof.toByteArray();
    int rejected = 0;
    int total = 0;
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] m = raw.clone();
        m[i] ^= (byte) (1 << bit);
        total++;
        try {
          MerkleVerifier.verifyInclusion(
              leaf, index, size, root, InclusionProof.parse(Bytes.of(m)));
        } catch (DecodingException | VerificationException e) {
          rejected++;
        }
      }
    }
    return new int[] {rejected, total};
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      System.err.println("poc tour: could not delete " + p + ": " + e.getMessage());
    }
  }

  /** A provider that fakes each item with probability {@code fakedFraction}. */
  private static final class Provider {
    final String name;
    final double fakedFraction;
    final NodeIdentity identity;
    int jobs;
    int caught;

    Provider(String name, double fakedFraction, NodeIdentity identity) {
      this.name = name;
      this.fakedFraction = fakedFraction;
      this.identity = identity;
    }

    List<Bytes> execute(Digest jobSeed, int items, int work, RandomSource random) {
      int faked = (int) Math.round(fakedFraction * items);
      boolean[] fake = new boolean[items];
      for (long i :
          Transcript.create("poc/demo/lazy/v1")
              .absorb("r", random.nextBytes(32))
              .squeezeIndices("fakes", faked, items, true)) {
        fake[(int) i] = true;
      }
      List<Bytes> out = new ArrayList<>(items);
      for (int i = 0; i < items; i++) {
        out.add(
            fake[i] ? Bytes.of(random.nextBytes(32).toByteArray()) : honestItem(jobSeed, i, work));
      }
      return out;
    }

    void record(boolean wasCaught) {
      jobs++;
      if (wasCaught) {
        caught++;
      }
    }
  }
}
