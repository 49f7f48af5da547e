package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.crypto.Bytes;
import java.util.List;

/** A party's answer to a {@link DisputeRequest}. */
public sealed interface DisputeAnswer permits DisputeAnswer.Openings, DisputeAnswer.StateReveal {

  /** The answer to {@link DisputeRequest.OpenCheckpoints}: one opening per asked checkpoint. */
  record Openings(List<CheckpointOpening> openings) implements DisputeAnswer {
    public Openings {
      openings = List.copyOf(openings);
    }
  }

  /** The answer to {@link DisputeRequest.RevealState}: the canonical state bytes. */
  record StateReveal(Bytes state) implements DisputeAnswer {}
}
