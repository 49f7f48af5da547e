package dev.proofofcompute.workloads.heat;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.workloads.WorkloadCodecs;
import java.util.Optional;

/**
 * {@code heat-sim}: {@code steps} explicit time steps of 2D heat diffusion ({@link Diffusion}) in
 * exact integer arithmetic with a fixed boundary.
 *
 * <p>Encodings (deterministic CBOR, grids as {@code Matrix.encode()} byte strings): input {@code
 * {"grid": bstr, "alphaNum": int, "alphaShift": int, "steps": int}}; state {@code {"step": int,
 * "grid": bstr}}; output {@code {"grid": bstr}}. The id's configuration is the empty map.
 *
 * <p>Structure: steps; the state after step {@code t} is the grid after {@code t} time steps with
 * its step counter.
 */
public final class HeatSim implements Workload<HeatSimInput, HeatSimOutput> {
  public static final String NAME = "heat-sim";
  public static final int VERSION = 1;

  private static final HeatSim INSTANCE = new HeatSim();
  private static final String INPUT = "heat-sim input";
  private static final String OUTPUT = "heat-sim output";
  private static final String STATE = "heat-sim state";

  private final WorkloadId id = WorkloadId.of(NAME, VERSION, CborMap.EMPTY.encode());

  private HeatSim() {}

  public static HeatSim create() {
    return INSTANCE;
  }

  @Override
  public WorkloadId id() {
    return id;
  }

  @Override
  public Codec<HeatSimInput> inputCodec() {
    return InputCodec.INSTANCE;
  }

  @Override
  public Codec<HeatSimOutput> outputCodec() {
    return OutputCodec.INSTANCE;
  }

  /** The canonical codec of simulation states. */
  public Codec<HeatState> stateCodec() {
    return StateCodec.INSTANCE;
  }

  @Override
  public HeatSimOutput execute(HeatSimInput input) {
    IntMatrix u = input.initial();
    for (int t = 1; t <= input.steps(); t++) {
      u = Diffusion.step(u, input.alphaNumerator(), input.alphaShift());
    }
    return new HeatSimOutput(u);
  }

  @Override
  public Optional<StepStructure<HeatSimInput, HeatSimOutput>> steps() {
    return Optional.of(Steps.INSTANCE);
  }

  @Override
  public String toString() {
    return id.toString();
  }

  private enum Steps implements StepStructure<HeatSimInput, HeatSimOutput> {
    INSTANCE;

    @Override
    public int stepCount(HeatSimInput input) {
      return input.steps();
    }

    @Override
    public Bytes initialState(HeatSimInput input) {
      return StateCodec.INSTANCE.encode(new HeatState(0, input.initial()));
    }

    @Override
    public Bytes step(HeatSimInput input, Bytes state, int t) {
      if (t < 1 || t > input.steps()) {
        throw new IllegalArgumentException("step " + t + " is outside 1.." + input.steps());
      }
      HeatState s = decodeState(input, state);
      if (s.step() != t - 1) {
        throw new IllegalArgumentException(
            "step " + t + " needs the state after step " + (t - 1) + ", got step " + s.step());
      }
      IntMatrix next = Diffusion.step(s.grid(), input.alphaNumerator(), input.alphaShift());
      return StateCodec.INSTANCE.encode(new HeatState(t, next));
    }

    @Override
    public HeatSimOutput output(HeatSimInput input, Bytes finalState) {
      HeatState s = decodeState(input, finalState);
      if (s.step() != input.steps()) {
        throw new IllegalArgumentException(
            "the final state is after step " + input.steps() + ", got step " + s.step());
      }
      return new HeatSimOutput(s.grid());
    }

    private static HeatState decodeState(HeatSimInput input, Bytes state) {
      HeatState s;
      try {
        s = StateCodec.INSTANCE.decode(state);
      } catch (DecodingException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      if (s.grid().rows() != input.initial().rows()) {
        throw new IllegalArgumentException(
            "the state grid is "
                + s.grid().rows()
                + "x"
                + s.grid().cols()
                + ", the job's "
                + input.initial().rows()
                + "x"
                + input.initial().cols());
      }
      int n = s.grid().rows();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j += (i == 0 || i == n - 1) ? 1 : n - 1) {
          if (s.grid().get(i, j) != input.initial().get(i, j)) {
            throw new IllegalArgumentException(
                "the state changes the fixed boundary at (" + i + ", " + j + ")");
          }
        }
      }
      return s;
    }
  }

  private enum InputCodec implements Codec<HeatSimInput> {
    INSTANCE;

    @Override
    public Bytes encode(HeatSimInput v) {
      return CborMap.builder()
          .put("grid", WorkloadCodecs.matrix(v.initial()))
          .put("alphaNum", v.alphaNumerator())
          .put("alphaShift", v.alphaShift())
          .put("steps", v.steps())
          .build()
          .encode();
    }

    @Override
    public HeatSimInput decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, INPUT, "grid", "alphaNum", "alphaShift", "steps");
      IntMatrix grid = WorkloadCodecs.intMatrix(m, "grid", INPUT);
      int num = WorkloadCodecs.intField(m, "alphaNum", INPUT);
      int shift = WorkloadCodecs.intField(m, "alphaShift", INPUT);
      int steps = WorkloadCodecs.intField(m, "steps", INPUT);
      return WorkloadCodecs.validated(INPUT, () -> new HeatSimInput(grid, num, shift, steps));
    }
  }

  private enum StateCodec implements Codec<HeatState> {
    INSTANCE;

    @Override
    public Bytes encode(HeatState s) {
      return CborMap.builder()
          .put("step", s.step())
          .put("grid", WorkloadCodecs.matrix(s.grid()))
          .build()
          .encode();
    }

    @Override
    public HeatState decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, STATE, "step", "grid");
      int step = WorkloadCodecs.intField(m, "step", STATE);
      IntMatrix grid = WorkloadCodecs.intMatrix(m, "grid", STATE);
      return WorkloadCodecs.validated(STATE, () -> new HeatState(step, grid));
    }
  }

  private enum OutputCodec implements Codec<HeatSimOutput> {
    INSTANCE;

    @Override
    public Bytes encode(HeatSimOutput o) {
      return CborMap.builder().put("grid", WorkloadCodecs.matrix(o.grid())).build().encode();
    }

    @Override
    public HeatSimOutput decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, OUTPUT, "grid");
      IntMatrix grid = WorkloadCodecs.intMatrix(m, "grid", OUTPUT);
      return WorkloadCodecs.validated(OUTPUT, () -> new HeatSimOutput(checked(grid)));
    }

    private static IntMatrix checked(IntMatrix grid) {
      HeatSimInput.checkGrid(grid);
      return grid;
    }
  }
}
