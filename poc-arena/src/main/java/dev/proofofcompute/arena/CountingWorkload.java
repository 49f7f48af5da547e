package dev.proofofcompute.arena;

import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import java.util.List;
import java.util.Optional;

/**
 * A workload that behaves exactly like its delegate and adds the {@link WorkModel} cost of every
 * {@code execute}, {@code executeItem}, {@code step} and {@code products} call to a {@link
 * WorkMeter}. Each party of an arena run (provider, replicas, validator, referee) gets its own view
 * with its own meter, so that the work a scheme makes a verifier do is counted, not estimated.
 * Calls that do only elementwise work ({@code left}, {@code right}, {@code output}, codecs, state
 * hashes) are free in this model.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public final class CountingWorkload<I, O> implements Workload<I, O> {
  private final Workload<I, O> delegate;
  private final WorkModel<I> model;
  private final WorkMeter meter;

  private CountingWorkload(Workload<I, O> delegate, WorkModel<I> model, WorkMeter meter) {
    this.delegate = delegate;
    this.model = model;
    this.meter = meter;
  }

  /** A view of {@code delegate} that charges {@code meter} according to {@code model}. */
  public static <I, O> CountingWorkload<I, O> wrap(
      Workload<I, O> delegate, WorkModel<I> model, WorkMeter meter) {
    return new CountingWorkload<>(delegate, model, meter);
  }

  public WorkMeter meter() {
    return meter;
  }

  public WorkModel<I> model() {
    return model;
  }

  @Override
  public WorkloadId id() {
    return delegate.id();
  }

  @Override
  public Codec<I> inputCodec() {
    return delegate.inputCodec();
  }

  @Override
  public Codec<O> outputCodec() {
    return delegate.outputCodec();
  }

  @Override
  public O execute(I input) {
    meter.add(model.execute(input));
    return delegate.execute(input);
  }

  @Override
  public OutputKind outputKind() {
    return delegate.outputKind();
  }

  @Override
  public Optional<ItemStructure<I, O>> items() {
    return delegate.items().map(Items::new);
  }

  @Override
  public Optional<StepStructure<I, O>> steps() {
    return delegate.steps().map(Steps::new);
  }

  @Override
  public Optional<MatrixStructure<I, O>> matrices() {
    return delegate.matrices().map(Products::new);
  }

  @Override
  public String toString() {
    return "Counting[" + delegate + "]";
  }

  private final class Items implements ItemStructure<I, O> {
    private final ItemStructure<I, O> items;

    Items(ItemStructure<I, O> items) {
      this.items = items;
    }

    @Override
    public int itemCount(I input) {
      return items.itemCount(input);
    }

    @Override
    public Bytes itemInput(I input, int index) {
      return items.itemInput(input, index);
    }

    @Override
    public Bytes executeItem(I input, int index) {
      meter.add(model.item(input, index));
      return items.executeItem(input, index);
    }

    @Override
    public I withItems(I template, List<Bytes> itemInputs) {
      return items.withItems(template, itemInputs);
    }

    @Override
    public List<Bytes> itemOutputs(O output) {
      return items.itemOutputs(output);
    }
  }

  private final class Steps implements StepStructure<I, O> {
    private final StepStructure<I, O> steps;

    Steps(StepStructure<I, O> steps) {
      this.steps = steps;
    }

    @Override
    public int stepCount(I input) {
      return steps.stepCount(input);
    }

    @Override
    public Bytes initialState(I input) {
      return steps.initialState(input);
    }

    @Override
    public Bytes step(I input, Bytes state, int t) {
      meter.add(model.step(input, t));
      return steps.step(input, state, t);
    }

    @Override
    public O output(I input, Bytes finalState) {
      return steps.output(input, finalState);
    }

    @Override
    public Digest stateHash(Bytes state) {
      return steps.stateHash(state);
    }
  }

  private final class Products implements MatrixStructure<I, O> {
    private final MatrixStructure<I, O> chain;

    Products(MatrixStructure<I, O> chain) {
      this.chain = chain;
    }

    @Override
    public int productCount(I input) {
      return chain.productCount(input);
    }

    @Override
    public List<Matrix> products(I input) {
      int count = chain.productCount(input);
      for (int k = 0; k < count; k++) {
        meter.add(model.product(input, k));
      }
      return chain.products(input);
    }

    @Override
    public Matrix left(I input, List<Matrix> claimedBefore, int k) {
      return chain.left(input, claimedBefore, k);
    }

    @Override
    public Matrix right(I input, int k) {
      return chain.right(input, k);
    }

    @Override
    public O output(I input, List<Matrix> claimedProducts) {
      return chain.output(input, claimedProducts);
    }
  }
}
