package dev.proofofcompute.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.Protocols;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.WorkloadCatalog;
import dev.proofofcompute.stark.scheme.AirWorkload;
import dev.proofofcompute.stark.workload.MatVec;
import dev.proofofcompute.stark.workload.MatVecInput;
import dev.proofofcompute.stark.workload.MimcChain;
import dev.proofofcompute.stark.workload.MimcChainInput;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulF64;
import dev.proofofcompute.workloads.matmul.MatMulF64Input;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import dev.proofofcompute.workloads.mlp.MlpInferInput;
import dev.proofofcompute.workloads.mlp.QuantizedMlp;
import dev.proofofcompute.workloads.train.FixedPoint;
import dev.proofofcompute.workloads.train.MlpTrain;
import dev.proofofcompute.workloads.train.MlpTrainInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's job mix: every built-in workload under every scheme that can verify it, with seeded
 * inputs and one fixed policy per scheme. Which (scheme, workload) pairs apply is not hard-coded:
 * each pair is offered to the scheme's own {@link SchemeProtocol#plan}, exactly as the coordinator
 * will, and the pairs it refuses are reported with the scheme's reason.
 *
 * <p>Inputs are small (8 × 8 matrices, 32-item batches, 32-step runs) so that a hundred jobs run in
 * about a minute on two cores; the verification schemes do not care about size, only the overhead
 * ratios do (docs/demo.md, "Overhead").
 */
public final class DemoJobs {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Requester items of a spot-checked batch. */
  static final int ITEMS = 32;

  /** Samples of the spot-check policy. */
  static final int SAMPLES = 8;

  /** Canaries of the spot-check policy. */
  static final int CANARIES = 4;

  /** One job to submit. */
  public record Job(
      String key,
      String scheme,
      String workload,
      Workload<?, ?> impl,
      Bytes input,
      JsonNode params) {}

  /** A (scheme, workload) pair the scheme refused, with its reason. */
  public record Refusal(String scheme, String workload, String reason) {}

  /** The mix: jobs to submit, pairs that do not apply. */
  public record Mix(List<Job> jobs, List<Refusal> refusals) {}

  private final long seed;
  private final QuantizedMlp model;
  private final WorkloadCatalog catalog;
  private final Protocols protocols;

  private DemoJobs(long seed) {
    this.seed = seed;
    this.model = MlpGenerator.randomModel(derive("mlp-model", 0), 8, 8, 4);
    this.catalog = WorkloadCatalog.standard().with(MlpInfer.create(model));
    this.protocols = Protocols.standard(catalog);
  }

  /** The mix of {@code seed}. */
  public static DemoJobs of(long seed) {
    return new DemoJobs(seed);
  }

  /** The catalog every node must share: the standard workloads plus the demo's mlp-infer model. */
  public WorkloadCatalog catalog() {
    return catalog;
  }

  /** The protocols of every scheme over {@link #catalog()}. */
  public Protocols protocols() {
    return protocols;
  }

  /** The mlp-infer model's definition (canonical CBOR), for {@code --workload-definition}. */
  public Bytes modelDefinition() {
    return model.encode();
  }

  /** Every built-in workload, in report order. */
  List<Workload<?, ?>> workloads() {
    return List.of(
        MatMul.create(),
        MatMulF64.create(),
        MlpInfer.create(model),
        MlpTrain.create(),
        HeatSim.create(),
        MimcChain.create(),
        MatVec.create());
  }

  /**
   * The jobs for {@code counts} (scheme -> jobs per applicable workload), keyed by the seed;
   * schemes in {@code notSubmitted} are planned (so their applicable pairs are known) but get no
   * jobs.
   */
  public Mix mix(Map<String, Integer> counts) {
    List<Job> jobs = new ArrayList<>();
    List<Refusal> refusals = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      String scheme = e.getKey();
      Optional<SchemeProtocol> protocol = protocols.find(scheme);
      if (protocol.isEmpty()) {
        refusals.add(new Refusal(scheme, "*", "no such scheme"));
        continue;
      }
      for (Workload<?, ?> w : workloads()) {
        String name = w.id().name();
        Optional<String> refused = Optional.empty();
        for (int i = 0; i < e.getValue(); i++) {
          String key = "demo-" + scheme + "-" + name + "-" + i;
          Bytes input = input(w, scheme, derive(key, 1));
          JsonNode params = params(scheme, w);
          Optional<String> why = planRefusal(protocol.get(), key, w, input, scheme, params);
          if (why.isPresent()) {
            refused = why;
            break;
          }
          jobs.add(new Job(key, scheme, name, w, input, params));
        }
        if (e.getValue() == 0) {
          continue;
        }
        refused.ifPresent(r -> refusals.add(new Refusal(scheme, name, r)));
      }
    }
    // Interleave the schemes: submission order is the coordinator's lease order.
    List<Job> shuffled = new ArrayList<>(jobs);
    java.util.Collections.shuffle(shuffled, new java.util.Random(derive("order", 0)));
    return new Mix(List.copyOf(shuffled), List.copyOf(refusals));
  }

  private Optional<String> planRefusal(
      SchemeProtocol p, String key, Workload<?, ?> w, Bytes input, String scheme, JsonNode params) {
    try {
      p.plan(new JobSpec(key, w.id(), input, scheme, DemoNetwork.paramsToCbor(params)));
      return Optional.empty();
    } catch (ProtocolException | RuntimeException ex) {
      return Optional.of(String.valueOf(ex.getMessage()));
    }
  }

  /** The policy parameters the demo uses for {@code scheme} on {@code w}, as the API's JSON. */
  JsonNode params(String scheme, Workload<?, ?> w) {
    String json =
        switch (scheme) {
          case "replication" ->
              w.id().name().equals(MatMulF64.NAME)
                  ? "{\"replicas\":3,\"quorum\":2,"
                      + "\"tolerance\":{\"relative\":1e-9,\"absolute\":1e-9}}"
                  : "{\"replicas\":3,\"quorum\":2}";
          case "spot-check" ->
              "{\"samples\":"
                  + SAMPLES
                  + ",\"canaries\":"
                  + CANARIES
                  + ",\"validator-canaries\":2}";
          case "freivalds" -> "{\"rounds\":2}";
          case "bisection" -> "{\"checkpoint-interval\":1}";
          case "stark" ->
              w instanceof AirWorkload<?, ?> a
                  ? "{\"air\":\"" + a.airName() + "\"}"
                  : "{\"air\":\"" + MimcChain.AIR + "\"}";
          case "tee" -> "{\"format\":\"sev-snp\",\"measurements\":[]}";
          default -> "{}";
        };
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A seeded input of {@code w}: a 32-item batch for spot-checks, small otherwise. */
  Bytes input(Workload<?, ?> w, String scheme, long s) {
    int rows = scheme.equals("spot-check") ? ITEMS : 8;
    return switch (w.id().name()) {
      case "matmul" -> MatMul.create().inputCodec().encode(MatMulInput.random(s, rows, 8, 8));
      case "matmul-f64" ->
          MatMulF64.create().inputCodec().encode(MatMulF64Input.random(s, rows, 8, 8));
      case "mlp-infer" ->
          MlpInfer.create(model)
              .inputCodec()
              .encode(new MlpInferInput(model.weightsHash(), MlpGenerator.randomBatch(s, rows, 8)));
      case "mlp-train" ->
          MlpTrain.create()
              .inputCodec()
              .encode(new MlpTrainInput(s, 4, 8, 2, 32, 8, 32, FixedPoint.ONE / 16, 0));
      case "heat-sim" -> HeatSim.create().inputCodec().encode(HeatSimInput.random(s, 8, 32));
      case "mimc-chain" -> MimcChain.create().inputCodec().encode(new MimcChainInput(s, 127));
      case "matvec" ->
          MatVec.create().inputCodec().encode(new MatVecInput(int8(8, 8, s), int8(8, 1, s + 1)));
      default -> throw new IllegalArgumentException("no demo input for " + w.id());
    };
  }

  private static IntMatrix int8(int rows, int cols, long s) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(s);
    return IntMatrix.generate(rows, cols, (i, j) -> r.nextInt(-128, 128));
  }

  /** A child seed: the first 8 bytes of H(seed || label || n). */
  long derive(String label, long n) {
    return ByteBuffer.wrap(
            Hashes.hash(
                    "poc/demo/seed/v1",
                    ByteBuffer.allocate(8).putLong(seed).array(),
                    label.getBytes(StandardCharsets.UTF_8),
                    ByteBuffer.allocate(8).putLong(n).array())
                .toByteArray())
        .getLong();
  }

  /** Pairs per scheme, as scheme -> workloads, in mix order. */
  static Map<String, List<String>> pairs(List<Job> jobs) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Job j : jobs) {
      List<String> l = m.computeIfAbsent(j.scheme(), k -> new ArrayList<>());
      if (!l.contains(j.workload())) {
        l.add(j.workload());
      }
    }
    return m;
  }
}
