package dev.proofofcompute.protocol;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.freivalds.FreivaldsEvidence;
import dev.proofofcompute.schemes.freivalds.FreivaldsParameters;
import dev.proofofcompute.schemes.freivalds.FreivaldsProver;
import dev.proofofcompute.schemes.freivalds.FreivaldsScheme;
import dev.proofofcompute.schemes.freivalds.FreivaldsValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code freivalds} scheme over bytes, checked in the coordinator (O(n^2) per product, no
 * validator needed), with the library's {@link FreivaldsValidator}.
 *
 * <ul>
 *   <li>Response, fixed at execution: {@code {"task", "output": bstr, "products": [bstr]}} — the
 *       output in the workload's codec and every product {@code C_k} of the workload's matrix chain
 *       (matrix encodings). Commitment: {@code {"task", "digest"}} over the response ({@link
 *       CommittedResponse}).
 *   <li>Challenge: {@code {"task", "seed": H(randomness)}}, the randomness drawn after the
 *       commitment was stored; the check draws its random vectors from a stream keyed by that seed
 *       (SHA-256 counter mode), so a provider that could not see the seed could not tune a wrong
 *       product to it, and the check can be replayed by an auditor.
 *   <li>Check: the response must be the committed one ({@code COMMITMENT_MISMATCH}); then every
 *       claimed product is checked with Freivalds' test and the output re-derived from the products
 *       ({@code WRONG_RESULT}, {@code MALFORMED_EVIDENCE}); a failure that proves nothing (operands
 *       out of the sound range) is {@link TaskCheck.Unresolved}.
 * </ul>
 *
 * <p>Parameters (canonical CBOR map, both optional): {@code rounds} uint 1..64 (default 1), {@code
 * float-rounds} uint 1..256 (default 60), with the field GF(2^61 - 1) and sign vectors; error
 * bounds in {@link FreivaldsParameters}.
 */
public final class FreivaldsProtocol implements CheckedInCoordinator {
  private static final String SEED_TAG = "poc/protocol/freivalds/seed/v1";

  private final WorkloadCatalog catalog;

  private FreivaldsProtocol(WorkloadCatalog catalog) {
    this.catalog = catalog;
  }

  public static FreivaldsProtocol create(WorkloadCatalog catalog) {
    return new FreivaldsProtocol(catalog);
  }

  @Override
  public String scheme() {
    return FreivaldsScheme.NAME;
  }

  public static FreivaldsParameters decodeParameters(Bytes encoded) throws DecodingException {
    String what = "freivalds parameters";
    CborMap map = Messages.map(encoded, what, List.of(), List.of("rounds", "float-rounds"));
    FreivaldsParameters d = FreivaldsParameters.defaults();
    int rounds =
        map.get("rounds").isPresent()
            ? Messages.intIn(map, "rounds", what, 1, FreivaldsParameters.MAX_ROUNDS)
            : d.rounds();
    int floatRounds =
        map.get("float-rounds").isPresent()
            ? Messages.intIn(map, "float-rounds", what, 1, FreivaldsParameters.MAX_FLOAT_ROUNDS)
            : d.floatRounds();
    return new FreivaldsParameters(
        rounds, d.field(), floatRounds, d.floatVectors(), d.floatUnitRoundoff());
  }

  public static Bytes encodeParameters(int rounds, int floatRounds) {
    return CborMap.builder()
        .put("rounds", rounds)
        .put("float-rounds", floatRounds)
        .build()
        .encode();
  }

  private static FreivaldsParameters parameters(JobSpec job) throws ProtocolException {
    try {
      return decodeParameters(job.parameters());
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
  }

  private static <I, O> MatrixStructure<I, O> chain(Workload<I, O> w, FreivaldsParameters p)
      throws ProtocolException {
    try {
      FreivaldsScheme.create().checkApplicable(w, p);
    } catch (PolicyException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    return w.matrices().orElseThrow();
  }

  @Override
  public JobPlan plan(JobSpec job) throws ProtocolException {
    FreivaldsParameters p = parameters(job);
    Workload<?, ?> w = catalog.require(job.workload());
    chain(w, p);
    ReplicationProtocol.decodeInput(w, job.input());
    return new JobPlan(
        1,
        encodeParameters(p.rounds(), p.floatRounds()),
        "freivalds: "
            + p.rounds()
            + " exact / "
            + p.floatRounds()
            + " float rounds per product, error <= 2^"
            + (int) Math.floor(p.log2ExactError(1)));
  }

  @Override
  public ProviderSession execute(TaskSpec task, ProviderContext context) throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    Bytes response = respond(catalog.require(task.job().workload()), task, taskId, context);
    return new CommittedResponse.Session(scheme(), taskId, response);
  }

  private static <I, O> Bytes respond(
      Workload<I, O> w, TaskSpec task, Digest taskId, ProviderContext context)
      throws ProtocolException {
    MatrixStructure<I, O> chain = chain(w, parameters(task.job()));
    I input = ReplicationProtocol.decodeInput(w, task.input());
    FreivaldsEvidence<O> evidence;
    try {
      evidence = FreivaldsProver.prove(w, input);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the workload refuses the input: " + e.getMessage(), e);
    }
    List<Matrix> products = evidence.products();
    O output = evidence.output();
    if (Cheats.fakesWholeResult(context.behaviour(), taskId)) {
      // A wrong last product, and the output it implies: consistent except for the product itself.
      RandomSource r = Cheats.random(Cheats.seed(context.behaviour()), taskId, "freivalds/wrong");
      List<Matrix> faked = new ArrayList<>(products);
      int k = faked.size() - 1;
      faked.set(k, perturb(faked.get(k), r));
      products = faked;
      try {
        output = chain.output(input, products);
      } catch (RuntimeException e) {
        // The chain refuses the faked product: keep the honest output beside it.
      }
    }
    return encodeResponse(taskId, w.outputCodec().encode(output), products);
  }

  static Bytes encodeResponse(Digest taskId, Bytes output, List<Matrix> products) {
    List<Bytes> encoded = new ArrayList<>(products.size());
    for (Matrix m : products) {
      encoded.add(m.encode());
    }
    return CborMap.builder()
        .put("task", taskId)
        .put("output", output)
        .put("products", SpotCheckProtocol.bytesArray(encoded))
        .build()
        .encode();
  }

  /** {@code m} with one random entry changed. */
  static Matrix perturb(Matrix m, RandomSource r) {
    int i = (int) r.nextLong(m.rows());
    int j = (int) r.nextLong(m.cols());
    return switch (m) {
      case IntMatrix im -> {
        int[] a = im.toRowMajorArray();
        a[i * im.cols() + j] += 1 + (int) r.nextLong(7);
        yield IntMatrix.of(im.rows(), im.cols(), a);
      }
      case DoubleMatrix dm -> {
        double[] a = dm.toRowMajorArray();
        double x = a[i * dm.cols() + j];
        a[i * dm.cols() + j] = x + Math.max(1.0, Math.abs(x));
        yield DoubleMatrix.of(dm.rows(), dm.cols(), a);
      }
    };
  }

  @Override
  public Bytes challenge(TaskSpec task, ProviderInfo provider, Bytes commitment, Bytes randomness)
      throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    try {
      CommittedResponse.committedDigest(scheme(), commitment, taskId);
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    if (randomness.length() < 16) {
      throw new IllegalArgumentException("challenge randomness must be at least 16 bytes");
    }
    return CommittedResponse.challenge(taskId, Hashes.hash(SEED_TAG, randomness).toBytes());
  }

  @Override
  public TaskCheck check(
      TaskSpec task,
      ProviderInfo provider,
      Bytes commitment,
      Bytes challenge,
      Bytes response,
      Instant asOf) {
    try {
      return check(catalog.require(task.job().workload()), task, commitment, challenge, response);
    } catch (ProtocolException | RuntimeException e) {
      return new TaskCheck.Unresolved("freivalds check failed on the coordinator's side: " + e);
    }
  }

  private <I, O> TaskCheck check(
      Workload<I, O> w, TaskSpec task, Bytes commitment, Bytes challenge, Bytes response)
      throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    FreivaldsParameters p = parameters(task.job());
    Bytes seed;
    try {
      seed = Messages.map(challenge, "freivalds challenge", "task", "seed").getBytes("seed");
    } catch (DecodingException e) {
      throw new IllegalArgumentException("the coordinator's own challenge does not parse", e);
    }
    Digest committed;
    try {
      committed = CommittedResponse.committedDigest(scheme(), commitment, taskId);
    } catch (DecodingException e) {
      return SingleTask.failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
    }
    if (!CommittedResponse.digest(scheme(), response).equalsConstantTime(committed)) {
      return SingleTask.failed(
          Verdict.Reason.COMMITMENT_MISMATCH, "the response is not the committed one");
    }
    Bytes outputBytes;
    O output;
    List<Matrix> products = new ArrayList<>();
    try {
      CborMap map = Messages.map(response, "freivalds response", "task", "output", "products");
      Messages.requireTask(map, "freivalds response", taskId);
      outputBytes = map.getBytes("output");
      output = w.outputCodec().decode(outputBytes);
      for (Bytes b : SpotCheckProtocol.bytesList(map.getArray("products"), "freivalds products")) {
        products.add(Matrix.decode(b));
      }
    } catch (DecodingException e) {
      return SingleTask.failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
    }
    I input = ReplicationProtocol.decodeInput(w, task.input());
    Verdict v =
        FreivaldsValidator.create(p, DerivedRandom.of(seed, "freivalds-vectors"))
            .validate(w, input, new FreivaldsEvidence<>(output, products));
    return TaskCheck.of(v, outputBytes);
  }
}
