package dev.proofofcompute.workloads.train;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.workloads.WorkloadCodecs;
import java.util.Optional;

/**
 * {@code mlp-train}: {@code steps} steps of the deterministic fixed-point SGD of {@link SgdTrainer}
 * (documented there: data generation, forward and backward pass, rounding) on a two-layer
 * perceptron.
 *
 * <p>Encodings (deterministic CBOR, matrices as {@code Matrix.encode()} byte strings):
 *
 * <ul>
 *   <li>input {@code {"seed": int, "inputs": int, "hidden": int, "outputs": int, "samples": int,
 *       "batch": int, "steps": int, "lr": int, "momentum": int}} ({@code lr} and {@code momentum}
 *       Q16.16);
 *   <li>state {@code {"step": int, "weights": P, "momentum": P}} with {@code P = {"w1": bstr, "b1":
 *       bstr, "w2": bstr, "b2": bstr}};
 *   <li>output {@code {"steps": int, "weights": P, "state": bstr(32)}}, {@code state} being the
 *       {@link StepStructure#stateHash} of the final state.
 * </ul>
 *
 * The id's configuration is the empty map. Structure: steps, with the step counter inside the
 * state.
 */
public final class MlpTrain implements Workload<MlpTrainInput, MlpTrainOutput> {
  public static final String NAME = "mlp-train";
  public static final int VERSION = 1;

  private static final MlpTrain INSTANCE = new MlpTrain();
  private static final String INPUT = "mlp-train input";
  private static final String OUTPUT = "mlp-train output";
  private static final String STATE = "mlp-train state";

  private final WorkloadId id = WorkloadId.of(NAME, VERSION, CborMap.EMPTY.encode());

  private MlpTrain() {}

  public static MlpTrain create() {
    return INSTANCE;
  }

  @Override
  public WorkloadId id() {
    return id;
  }

  @Override
  public Codec<MlpTrainInput> inputCodec() {
    return InputCodec.INSTANCE;
  }

  @Override
  public Codec<MlpTrainOutput> outputCodec() {
    return OutputCodec.INSTANCE;
  }

  /** The canonical codec of training states. */
  public Codec<MlpTrainState> stateCodec() {
    return StateCodec.INSTANCE;
  }

  @Override
  public MlpTrainOutput execute(MlpTrainInput input) {
    MlpTrainState s = SgdTrainer.initialState(input);
    for (int t = 1; t <= input.steps(); t++) {
      s = SgdTrainer.step(input, s, t);
    }
    return Steps.INSTANCE.output(input, StateCodec.INSTANCE.encode(s));
  }

  @Override
  public Optional<StepStructure<MlpTrainInput, MlpTrainOutput>> steps() {
    return Optional.of(Steps.INSTANCE);
  }

  @Override
  public String toString() {
    return id.toString();
  }

  private enum Steps implements StepStructure<MlpTrainInput, MlpTrainOutput> {
    INSTANCE;

    @Override
    public int stepCount(MlpTrainInput input) {
      return input.steps();
    }

    @Override
    public Bytes initialState(MlpTrainInput input) {
      return StateCodec.INSTANCE.encode(SgdTrainer.initialState(input));
    }

    @Override
    public Bytes step(MlpTrainInput input, Bytes state, int t) {
      return StateCodec.INSTANCE.encode(SgdTrainer.step(input, decodeState(state), t));
    }

    @Override
    public MlpTrainOutput output(MlpTrainInput input, Bytes finalState) {
      MlpTrainState s = decodeState(finalState);
      if (s.step() != input.steps()) {
        throw new IllegalArgumentException(
            "the final state is after step " + input.steps() + ", got step " + s.step());
      }
      MlpParameters w = s.weights();
      if (w.inputs() != input.inputs()
          || w.hidden() != input.hidden()
          || w.outputs() != input.outputs()) {
        throw new IllegalArgumentException("the final state does not have the job's shape");
      }
      return new MlpTrainOutput(input.steps(), w, stateHash(finalState));
    }

    private static MlpTrainState decodeState(Bytes state) {
      try {
        return StateCodec.INSTANCE.decode(state);
      } catch (DecodingException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  private enum InputCodec implements Codec<MlpTrainInput> {
    INSTANCE;

    @Override
    public Bytes encode(MlpTrainInput v) {
      return CborMap.builder()
          .put("seed", v.seed())
          .put("inputs", v.inputs())
          .put("hidden", v.hidden())
          .put("outputs", v.outputs())
          .put("samples", v.samples())
          .put("batch", v.batchSize())
          .put("steps", v.steps())
          .put("lr", v.learningRate())
          .put("momentum", v.momentum())
          .build()
          .encode();
    }

    @Override
    public MlpTrainInput decode(Bytes bytes) throws DecodingException {
      CborMap m =
          WorkloadCodecs.decodeMap(
              bytes,
              INPUT,
              "seed",
              "inputs",
              "hidden",
              "outputs",
              "samples",
              "batch",
              "steps",
              "lr",
              "momentum");
      long seed = WorkloadCodecs.within(INPUT, () -> m.getLong("seed"));
      int inputs = WorkloadCodecs.intField(m, "inputs", INPUT);
      int hidden = WorkloadCodecs.intField(m, "hidden", INPUT);
      int outputs = WorkloadCodecs.intField(m, "outputs", INPUT);
      int samples = WorkloadCodecs.intField(m, "samples", INPUT);
      int batch = WorkloadCodecs.intField(m, "batch", INPUT);
      int steps = WorkloadCodecs.intField(m, "steps", INPUT);
      int lr = WorkloadCodecs.intField(m, "lr", INPUT);
      int momentum = WorkloadCodecs.intField(m, "momentum", INPUT);
      return WorkloadCodecs.validated(
          INPUT,
          () ->
              new MlpTrainInput(
                  seed, inputs, hidden, outputs, samples, batch, steps, lr, momentum));
    }
  }

  private enum StateCodec implements Codec<MlpTrainState> {
    INSTANCE;

    @Override
    public Bytes encode(MlpTrainState s) {
      return CborMap.builder()
          .put("step", s.step())
          .put("weights", parameters(s.weights()))
          .put("momentum", parameters(s.momentum()))
          .build()
          .encode();
    }

    @Override
    public MlpTrainState decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, STATE, "step", "weights", "momentum");
      int step = WorkloadCodecs.intField(m, "step", STATE);
      MlpParameters weights = parameters(m, "weights", STATE);
      MlpParameters momentum = parameters(m, "momentum", STATE);
      return WorkloadCodecs.validated(STATE, () -> new MlpTrainState(step, weights, momentum));
    }
  }

  private enum OutputCodec implements Codec<MlpTrainOutput> {
    INSTANCE;

    @Override
    public Bytes encode(MlpTrainOutput o) {
      return CborMap.builder()
          .put("steps", CborInteger.of(o.steps()))
          .put("weights", parameters(o.weights()))
          .put("state", o.finalStateHash())
          .build()
          .encode();
    }

    @Override
    public MlpTrainOutput decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, OUTPUT, "steps", "weights", "state");
      int steps = WorkloadCodecs.intField(m, "steps", OUTPUT);
      MlpParameters weights = parameters(m, "weights", OUTPUT);
      Digest state = WorkloadCodecs.within(OUTPUT, () -> m.getDigest("state"));
      return WorkloadCodecs.validated(OUTPUT, () -> new MlpTrainOutput(steps, weights, state));
    }
  }

  private static CborValue parameters(MlpParameters p) {
    return CborMap.builder()
        .put("w1", WorkloadCodecs.matrix(p.w1()))
        .put("b1", WorkloadCodecs.matrix(p.b1()))
        .put("w2", WorkloadCodecs.matrix(p.w2()))
        .put("b2", WorkloadCodecs.matrix(p.b2()))
        .build();
  }

  private static MlpParameters parameters(CborMap parent, String key, String what)
      throws DecodingException {
    String inner = what + " " + key;
    CborMap m =
        WorkloadCodecs.checkMap(
            WorkloadCodecs.within(what, () -> parent.getMap(key)), inner, "w1", "b1", "w2", "b2");
    IntMatrix w1 = WorkloadCodecs.intMatrix(m, "w1", inner);
    IntMatrix b1 = WorkloadCodecs.intMatrix(m, "b1", inner);
    IntMatrix w2 = WorkloadCodecs.intMatrix(m, "w2", inner);
    IntMatrix b2 = WorkloadCodecs.intMatrix(m, "b2", inner);
    return WorkloadCodecs.validated(inner, () -> new MlpParameters(w1, b1, w2, b2));
  }
}
