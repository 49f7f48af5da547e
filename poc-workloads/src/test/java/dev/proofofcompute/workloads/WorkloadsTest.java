package dev.proofofcompute.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.workloads.WorkloadSamples.Sample;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import dev.proofofcompute.workloads.mlp.QuantizedMlp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workload contract, checked once for every built-in over seeded sample jobs ({@link
 * WorkloadSamples}): determinism, canonical and strict codecs, and the consistency of each optional
 * structure with {@code execute}.
 */
class WorkloadsTest {

  static Stream<Sample<?, ?>> samples() {
    return WorkloadSamples.all().stream();
  }

  @Test
  void builtInsAreRegisteredByName() throws DecodingException {
    Workloads w = Workloads.builtIns();
    assertThat(w.names())
        .containsExactly("matmul", "matmul-f64", "mlp-infer", "mlp-train", "heat-sim");
    Bytes empty = CborMap.EMPTY.encode();
    for (String name : List.of("matmul", "matmul-f64", "mlp-train", "heat-sim")) {
      Workload<?, ?> created = w.create(name, empty);
      assertThat(created.id().name()).isEqualTo(name);
      assertThat(created.id()).isEqualTo(w.create(name, empty).id());
    }
    QuantizedMlp model = MlpGenerator.randomModel(8, 3, 4, 2);
    Workload<?, ?> infer = w.create("mlp-infer", model.encode());
    assertThat(infer.id()).isEqualTo(MlpInfer.create(model).id());
  }

  @Test
  void registryRejectsUnknownNamesBadDefinitionsAndDuplicates() {
    Workloads w = Workloads.builtIns();
    assertThatThrownBy(() -> w.create("nope", CborMap.EMPTY.encode()))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unknown workload 'nope'");
    Bytes oneField = CborMap.builder().put("x", 1).build().encode();
    assertThatThrownBy(() -> w.create("matmul", oneField))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("matmul definition: unexpected field \"x\"");
    assertThatThrownBy(() -> w.create("mlp-infer", CborMap.EMPTY.encode()))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("mlp model: field 'layers' is missing");
    assertThatThrownBy(() -> w.with(w.factory("matmul").orElseThrow()))
        .hasMessageContaining("'matmul' is already registered");
  }

  @Test
  void idsAreDistinctAcrossBuiltInsAndModels() {
    Set<Digest> ids = new HashSet<>();
    for (Sample<?, ?> s : WorkloadSamples.all()) {
      ids.add(s.workload().id().digest());
    }
    // matmul, matmul-f64, two mlp-infer models, mlp-train, heat-sim
    assertThat(ids).hasSize(6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void executionIsDeterministicAndCodecsRoundTrip(Sample<?, ?> sample) throws DecodingException {
    deterministic(sample);
  }

  private static <I, O> void deterministic(Sample<I, O> s) throws DecodingException {
    Workload<I, O> w = s.workload();
    Bytes in = w.inputCodec().encode(s.input());
    I decoded = w.inputCodec().decode(in);
    assertThat(decoded).isEqualTo(s.input());
    assertThat(w.inputCodec().encode(decoded)).isEqualTo(in);
    Bytes out1 = w.outputCodec().encode(w.execute(s.input()));
    Bytes out2 = w.outputCodec().encode(w.execute(decoded));
    assertThat(out2).isEqualTo(out1);
    O out = w.outputCodec().decode(out1);
    assertThat(w.outputCodec().encode(out)).isEqualTo(out1);
    assertThat(out).isEqualTo(w.execute(s.input()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void decodersRejectTruncationTrailingBytesAndNonCanonicalMutations(Sample<?, ?> sample) {
    strict(sample);
  }

  private static <I, O> void strict(Sample<I, O> s) {
    Workload<I, O> w = s.workload();
    rejectsMalformed(w.inputCodec(), w.inputCodec().encode(s.input()), s.label());
    rejectsMalformed(w.outputCodec(), w.outputCodec().encode(w.execute(s.input())), s.label());
  }

  /**
   * Every proper prefix and every extension by one byte is rejected; every single-byte mutation is
   * either rejected or decodes to a value whose encoding is exactly the mutated bytes (so no value
   * has two accepted encodings).
   */
  private static <T> void rejectsMalformed(Codec<T> codec, Bytes good, String label) {
    byte[] b = good.toByteArray();
    int stride = Math.max(1, b.length / 97);
    for (int len = 0; len < b.length; len += len < 64 ? 1 : stride) {
      Bytes prefix = Bytes.of(b, 0, len);
      assertThatThrownBy(() -> codec.decode(prefix))
          .as("%s: prefix of %d of %d bytes", label, len, b.length)
          .isInstanceOf(DecodingException.class);
    }
    assertThatThrownBy(() -> codec.decode(good.concat(Bytes.of(new byte[] {0}))))
        .as("%s: trailing byte", label)
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("trailing bytes");
    SplitMix64 rnd = new SplitMix64(b.length);
    for (int i = 0; i < b.length; i += i < 64 ? 1 : stride) {
      byte[] m = b.clone();
      m[i] = (byte) (m[i] ^ (1 << rnd.nextInt(0, 7)));
      Bytes mutated = Bytes.of(m);
      T value;
      try {
        value = codec.decode(mutated);
      } catch (DecodingException e) {
        assertThat(e.getMessage()).as("%s: mutation at %d", label, i).isNotBlank();
        continue;
      }
      assertThat(codec.encode(value)).as("%s: mutation at %d", label, i).isEqualTo(mutated);
    }
    assertThatThrownBy(() -> codec.decode(CborMap.EMPTY.encode()))
        .as("%s: empty map", label)
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("is missing");
    assertThatThrownBy(() -> codec.decode(Bytes.fromHex("80")))
        .as("%s: an array", label)
        .hasMessageContaining("expected a CBOR map");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void itemStructureAgreesWithExecute(Sample<?, ?> sample) {
    items(sample);
  }

  private static <I, O> void items(Sample<I, O> s) {
    Workload<I, O> w = s.workload();
    if (w.items().isEmpty()) {
      return;
    }
    ItemStructure<I, O> items = w.items().get();
    I input = s.input();
    List<Bytes> outputs = items.itemOutputs(w.execute(input));
    int n = items.itemCount(input);
    assertThat(outputs).hasSize(n);
    List<Bytes> itemInputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      assertThat(items.executeItem(input, i))
          .as("%s item %d", s.label(), i)
          .isEqualTo(outputs.get(i));
      itemInputs.add(items.itemInput(input, i));
    }
    assertThat(items.withItems(input, itemInputs)).isEqualTo(input);
    // A batch of other items (here: the same rows reversed and one duplicated, as when canaries are
    // mixed in) gives each item the output it has on its own.
    List<Bytes> mixed = new ArrayList<>(itemInputs.reversed());
    mixed.add(itemInputs.get(0));
    I batch = items.withItems(input, mixed);
    List<Bytes> mixedOut = items.itemOutputs(w.execute(batch));
    List<Bytes> expected = new ArrayList<>(outputs.reversed());
    expected.add(outputs.get(0));
    assertThat(mixedOut).isEqualTo(expected);
    assertThatThrownBy(() -> items.withItems(input, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one item");
    assertThatThrownBy(() -> items.withItems(input, List.of(Bytes.fromHex("01"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item 0 is malformed");
    Bytes wide = IntMatrix.of(1, 1000, new int[1000]).encode();
    assertThatThrownBy(() -> items.withItems(input, List.of(wide)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item 0 must be a 1x");
    assertThatThrownBy(() -> items.executeItem(input, n))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void stepStructureFoldsToExecute(Sample<?, ?> sample) {
    steps(sample);
  }

  private static <I, O> void steps(Sample<I, O> s) {
    Workload<I, O> w = s.workload();
    if (w.steps().isEmpty()) {
      return;
    }
    StepStructure<I, O> steps = w.steps().get();
    I input = s.input();
    int count = steps.stepCount(input);
    assertThat(count).isPositive();
    Bytes state = steps.initialState(input);
    Set<Digest> hashes = new HashSet<>();
    hashes.add(steps.stateHash(state));
    for (int t = 1; t <= count; t++) {
      Bytes before = state;
      state = steps.step(input, state, t);
      assertThat(steps.step(input, before, t)).as("%s step %d", s.label(), t).isEqualTo(state);
      hashes.add(steps.stateHash(state));
    }
    // The step counter is in the state, so no two states of a run hash alike.
    assertThat(hashes).hasSize(count + 1);
    Bytes finalState = state;
    assertThat(w.outputCodec().encode(steps.output(input, finalState)))
        .isEqualTo(w.outputCodec().encode(w.execute(input)));
    Bytes initial = steps.initialState(input);
    assertThatThrownBy(() -> steps.step(input, initial, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> steps.step(input, Bytes.fromHex("a0"), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is missing");
    assertThatThrownBy(() -> steps.step(input, initial.concat(Bytes.fromHex("00")), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing bytes");
    assertThatThrownBy(() -> steps.output(input, initial))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the final state is after step " + count);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void matrixStructureAgreesWithNaiveProductsAndExecute(Sample<?, ?> sample) {
    matrices(sample);
  }

  private static <I, O> void matrices(Sample<I, O> s) {
    Workload<I, O> w = s.workload();
    if (w.matrices().isEmpty()) {
      return;
    }
    MatrixStructure<I, O> ms = w.matrices().get();
    I input = s.input();
    List<Matrix> products = ms.products(input);
    assertThat(products).hasSize(ms.productCount(input));
    for (int k = 0; k < products.size(); k++) {
      Matrix naive = naiveProduct(ms.left(input, products.subList(0, k), k), ms.right(input, k));
      assertThat(products.get(k)).as("%s product %d", s.label(), k).isEqualTo(naive);
    }
    Bytes honest = w.outputCodec().encode(w.execute(input));
    assertThat(w.outputCodec().encode(ms.output(input, products))).isEqualTo(honest);
    for (int k = 0; k < products.size(); k++) {
      List<Matrix> claimed = new ArrayList<>(products);
      claimed.set(k, corrupt(products.get(k)));
      // Detectable: the corrupted product is not the product of its recomputed operands.
      Matrix recomputed =
          naiveProduct(ms.left(input, claimed.subList(0, k), k), ms.right(input, k));
      assertThat(claimed.get(k))
          .as("%s corrupted product %d", s.label(), k)
          .isNotEqualTo(recomputed);
      if (k == products.size() - 1) {
        assertThat(w.outputCodec().encode(ms.output(input, claimed)))
            .as("%s output from a corrupted last product", s.label())
            .isNotEqualTo(honest);
      }
    }
    assertThatThrownBy(() -> ms.output(input, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ms.right(input, products.size()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The textbook triple loop: exact in long for int32, in order t = 0..k-1 for float64. */
  static Matrix naiveProduct(Matrix left, Matrix right) {
    assertThat(left.cols()).isEqualTo(right.rows());
    if (left instanceof IntMatrix a && right instanceof IntMatrix b) {
      return IntMatrix.generate(
          a.rows(),
          b.cols(),
          (i, j) -> {
            long sum = 0;
            for (int t = 0; t < a.cols(); t++) {
              sum += (long) a.get(i, t) * b.get(t, j);
            }
            return Math.toIntExact(sum);
          });
    }
    DoubleMatrix a = (DoubleMatrix) left;
    DoubleMatrix b = (DoubleMatrix) right;
    return DoubleMatrix.generate(
        a.rows(),
        b.cols(),
        (i, j) -> {
          double sum = 0.0;
          for (int t = 0; t < a.cols(); t++) {
            sum += a.get(i, t) * b.get(t, j);
          }
          return sum;
        });
  }

  /** {@code m} with its last entry changed. */
  static Matrix corrupt(Matrix m) {
    int r = m.rows() - 1;
    int c = m.cols() - 1;
    if (m instanceof IntMatrix im) {
      return IntMatrix.generate(
          im.rows(), im.cols(), (i, j) -> i == r && j == c ? im.get(i, j) + 1 : im.get(i, j));
    }
    DoubleMatrix dm = (DoubleMatrix) m;
    return DoubleMatrix.generate(
        dm.rows(), dm.cols(), (i, j) -> i == r && j == c ? dm.get(i, j) + 1.0 : dm.get(i, j));
  }
}
