package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/** Dishonest and unreliable parties for the bisection tests. */
final class Adversaries {
  private Adversaries() {}

  static final Digest TASK = Hashes.hash("poc/test/task/v1", bytes("task-1"));
  static final NodeId HONEST = node("honest");
  static final NodeId CHEATER = node("cheater");
  static final NodeId OTHER = node("other");

  static NodeId node(String name) {
    return new NodeId(Hashes.hash("poc/test/node/v1", bytes(name)));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code state} with the bits of {@code mask} flipped in its last byte. */
  static Bytes flip(Bytes state, int mask) {
    byte[] b = state.toByteArray();
    b[b.length - 1] ^= (byte) mask;
    return Bytes.of(b);
  }

  static Digest flip(Digest d) {
    byte[] b = d.toByteArray();
    b[0] ^= 1;
    return Digest.of(b);
  }

  /**
   * A step structure that runs the real step, then corrupts the state after each step in {@code
   * wrongSteps} by flipping {@code mask}, and carries on consistently from the corrupted state.
   */
  static final class Deviating<I, O> implements StepStructure<I, O> {
    private final StepStructure<I, O> delegate;
    private final BitSet wrongSteps;
    private final int mask;

    Deviating(StepStructure<I, O> delegate, int mask, int... wrongSteps) {
      this.delegate = delegate;
      this.mask = mask;
      this.wrongSteps = new BitSet();
      for (int j : wrongSteps) {
        this.wrongSteps.set(j);
      }
    }

    @Override
    public int stepCount(I input) {
      return delegate.stepCount(input);
    }

    @Override
    public Bytes initialState(I input) {
      return delegate.initialState(input);
    }

    @Override
    public Bytes step(I input, Bytes state, int t) {
      Bytes next = delegate.step(input, state, t);
      return wrongSteps.get(t) ? flip(next, mask) : next;
    }

    @Override
    public O output(I input, Bytes finalState) {
      return delegate.output(input, finalState);
    }

    @Override
    public Digest stateHash(Bytes state) {
      return delegate.stateHash(state);
    }
  }

  /** A party that deviates at {@code wrongSteps} and continues consistently. */
  static <I, O> HonestParty<I> wrongAt(
      StepStructure<I, O> steps, I input, BisectionParameters p, NodeId id, int... wrongSteps) {
    return HonestParty.run(new Deviating<>(steps, 1, wrongSteps), input, p, TASK, id);
  }

  /**
   * A party that commits to random hashes at the checkpoints in {@code garbage} and to the true
   * hashes elsewhere. Its openings are valid proofs against its own (garbage) tree; it reveals the
   * true state where it knows one and random bytes elsewhere.
   */
  static final class Garbage implements DisputeParty {
    private final HonestParty<?> truth;
    private final BitSet garbage;
    private final CheckpointTree tree;
    private final NodeId id;
    private final RandomSource random;

    Garbage(HonestParty<?> truth, BisectionParameters p, BitSet garbage, NodeId id, long seed) {
      this.truth = truth;
      this.garbage = garbage;
      this.id = id;
      this.random = RandomSource.seeded(seed);
      List<Digest> hashes = new ArrayList<>(truth.tree().stateHashes());
      for (int i = garbage.nextSetBit(0); i >= 0; i = garbage.nextSetBit(i + 1)) {
        hashes.set(i, Digest.of(random.nextBytes(32)));
      }
      this.tree = CheckpointTree.of(truth.tree().steps(), p, hashes);
    }

    CheckpointTree tree() {
      return tree;
    }

    @Override
    public NodeId id() {
      return id;
    }

    @Override
    public StateCommitment commitment() {
      return tree.commitment(TASK, id);
    }

    @Override
    public Optional<CheckpointOpening> openCheckpoint(int checkpoint) {
      return Optional.of(tree.open(checkpoint));
    }

    @Override
    public Optional<Bytes> revealState(int checkpoint) {
      return garbage.get(checkpoint)
          ? Optional.of(random.nextBytes(32))
          : truth.revealState(checkpoint);
    }
  }

  /** Answers openings like its delegate but reveals corrupted state bytes. */
  static final class LiesAboutState implements DisputeParty {
    private final DisputeParty delegate;

    LiesAboutState(DisputeParty delegate) {
      this.delegate = delegate;
    }

    @Override
    public NodeId id() {
      return delegate.id();
    }

    @Override
    public StateCommitment commitment() {
      return delegate.commitment();
    }

    @Override
    public Optional<CheckpointOpening> openCheckpoint(int checkpoint) {
      return delegate.openCheckpoint(checkpoint);
    }

    @Override
    public Optional<Bytes> revealState(int checkpoint) {
      return delegate.revealState(checkpoint).map(s -> flip(s, 0x80));
    }
  }

  /**
   * Opens checkpoint {@code forged} with a hash other than the committed one (keeping the valid
   * proof of the committed one).
   */
  static final class ForgesOpening implements DisputeParty {
    private final DisputeParty delegate;
    private final int forged;

    ForgesOpening(DisputeParty delegate, int forged) {
      this.delegate = delegate;
      this.forged = forged;
    }

    @Override
    public NodeId id() {
      return delegate.id();
    }

    @Override
    public StateCommitment commitment() {
      return delegate.commitment();
    }

    @Override
    public Optional<CheckpointOpening> openCheckpoint(int checkpoint) {
      Optional<CheckpointOpening> o = delegate.openCheckpoint(checkpoint);
      if (checkpoint != forged) {
        return o;
      }
      return o.map(x -> new CheckpointOpening(x.checkpoint(), flip(x.stateHash()), x.proof()));
    }

    @Override
    public Optional<Bytes> revealState(int checkpoint) {
      return delegate.revealState(checkpoint);
    }
  }

  /**
   * Answers its first {@code answers} questions (openings and reveals alike), then nothing; with
   * {@code silentOnReveal} it also never reveals a state.
   */
  static final class GoesSilent implements DisputeParty {
    private final DisputeParty delegate;
    private final int answers;
    private final boolean silentOnReveal;
    private int asked;

    GoesSilent(DisputeParty delegate, int answers, boolean silentOnReveal) {
      this.delegate = delegate;
      this.answers = answers;
      this.silentOnReveal = silentOnReveal;
    }

    @Override
    public NodeId id() {
      return delegate.id();
    }

    @Override
    public StateCommitment commitment() {
      return delegate.commitment();
    }

    @Override
    public Optional<CheckpointOpening> openCheckpoint(int checkpoint) {
      return asked++ < answers ? delegate.openCheckpoint(checkpoint) : Optional.empty();
    }

    @Override
    public Optional<Bytes> revealState(int checkpoint) {
      if (silentOnReveal) {
        return Optional.empty();
      }
      return asked++ < answers ? delegate.revealState(checkpoint) : Optional.empty();
    }
  }

  /** The first index where the two lists differ, or -1: the linear-scan reference. */
  static int firstDifference(List<Digest> a, List<Digest> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code ceil(log2 n)} for {@code n >= 1}. */
  static int ceilLog2(int n) {
    return 32 - Integer.numberOfLeadingZeros(n - 1);
  }
}
