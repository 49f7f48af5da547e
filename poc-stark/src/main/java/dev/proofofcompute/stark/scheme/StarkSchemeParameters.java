package dev.proofofcompute.stark.scheme;

import dev.proofofcompute.core.scheme.SchemeParameters;
import dev.proofofcompute.stark.StarkParameters;
import java.util.regex.Pattern;

/**
 * The parameters of the {@code stark} scheme: the STARK's security knobs and the AIR the job's
 * workload must be stated in. Security is checked against the workload when a policy is built
 * ({@link StarkScheme#checkApplicable}), not here, so that tests can build weak parameters.
 *
 * @param stark the proof parameters; a verifier accepts only proofs made with exactly these
 * @param air the AIR name, e.g. {@code "mimc7-chain/v1"}
 */
public record StarkSchemeParameters(StarkParameters stark, String air) implements SchemeParameters {
  private static final Pattern AIR_NAME = Pattern.compile("[a-z0-9][a-z0-9./-]{0,62}");

  public StarkSchemeParameters {
    if (!AIR_NAME.matcher(air).matches()) {
      throw new IllegalArgumentException(
          "an AIR name is 1..63 characters of a-z, 0-9, '.', '/' and '-': " + air);
    }
  }

  /** The default proof parameters ({@link StarkParameters#defaults()}) for AIR {@code air}. */
  public static StarkSchemeParameters defaults(String air) {
    return new StarkSchemeParameters(StarkParameters.defaults(), air);
  }

  @Override
  public String scheme() {
    return StarkScheme.NAME;
  }
}
