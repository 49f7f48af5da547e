package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A small stepped test workload: the state is four longs, and each step is an add-rotate-xor round
 * keyed by the step number. Every operation of a round is invertible, so a step is a permutation of
 * the state space: two runs that diverge once stay apart for good, as in a real training run.
 */
final class MixWorkload implements Workload<MixWorkload.Input, MixWorkload.State> {
  /** The input: a seed for the initial state and the number of steps. */
  record Input(long seed, int steps) {
    Input {
      if (steps < 1) {
        throw new IllegalArgumentException("steps >= 1, got " + steps);
      }
    }
  }

  /** The four-long state, also the output. */
  record State(long a, long b, long c, long d) {
    Bytes encode() {
      return Bytes.of(ByteBuffer.allocate(32).putLong(a).putLong(b).putLong(c).putLong(d).array());
    }

    static State decode(Bytes bytes) {
      if (bytes.length() != 32) {
        throw new IllegalArgumentException("a mix state is 32 bytes, got " + bytes.length());
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
      return new State(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
    }

    State round(int t) {
      long a2 = a + b + 0x9E3779B97F4A7C15L * t;
      long d2 = Long.rotateLeft(d ^ a2, 32);
      long c2 = c + d2;
      long b2 = Long.rotateLeft(b ^ c2, 24);
      long a3 = a2 + b2;
      long d3 = Long.rotateLeft(d2 ^ a3, 16);
      long c3 = c2 + d3;
      long b3 = Long.rotateLeft(b2 ^ c3, 63);
      return new State(a3, b3, c3, d3);
    }
  }

  /** The step structure, on its own so that tests can wrap it. */
  static final class Steps implements StepStructure<Input, State> {
    @Override
    public int stepCount(Input input) {
      return input.steps();
    }

    @Override
    public Bytes initialState(Input input) {
      long s = input.seed();
      return new State(s, ~s, s * 31 + 7, Long.rotateLeft(s, 17)).encode();
    }

    @Override
    public Bytes step(Input input, Bytes state, int t) {
      if (t < 1 || t > input.steps()) {
        throw new IllegalArgumentException("step " + t + " outside 1.." + input.steps());
      }
      return State.decode(state).round(t).encode();
    }

    @Override
    public State output(Input input, Bytes finalState) {
      return State.decode(finalState);
    }
  }

  private static final Codec<Input> INPUT_CODEC =
      new Codec<>() {
        @Override
        public Bytes encode(Input value) {
          return Bytes.of(
              ByteBuffer.allocate(12).putLong(value.seed()).putInt(value.steps()).array());
        }

        @Override
        public Input decode(Bytes bytes) throws DecodingException {
          if (bytes.length() != 12) {
            throw new DecodingException("a mix input is 12 bytes, got " + bytes.length());
          }
          ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
          long seed = buf.getLong();
          int steps = buf.getInt();
          if (steps < 1) {
            throw new DecodingException("steps >= 1, got " + steps);
          }
          return new Input(seed, steps);
        }
      };

  private static final Codec<State> OUTPUT_CODEC =
      new Codec<>() {
        @Override
        public Bytes encode(State value) {
          return value.encode();
        }

        @Override
        public State decode(Bytes bytes) throws DecodingException {
          if (bytes.length() != 32) {
            throw new DecodingException("a mix state is 32 bytes, got " + bytes.length());
          }
          return State.decode(bytes);
        }
      };

  private final Steps steps = new Steps();

  @Override
  public WorkloadId id() {
    return WorkloadId.of("test-mix", 1, Bytes.EMPTY);
  }

  @Override
  public Codec<Input> inputCodec() {
    return INPUT_CODEC;
  }

  @Override
  public Codec<State> outputCodec() {
    return OUTPUT_CODEC;
  }

  @Override
  public State execute(Input input) {
    Bytes state = steps.initialState(input);
    for (int t = 1; t <= input.steps(); t++) {
      state = steps.step(input, state, t);
    }
    return steps.output(input, state);
  }

  @Override
  public Optional<StepStructure<Input, State>> steps() {
    return Optional.of(steps);
  }
}
