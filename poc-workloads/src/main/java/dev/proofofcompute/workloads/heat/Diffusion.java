package dev.proofofcompute.workloads.heat;

import dev.proofofcompute.core.linalg.IntMatrix;

/**
 * One explicit (forward-time, centred-space) step of the 2D heat equation {@code u_t = κ ∇²u} on a
 * unit grid, the five-point scheme of LeVeque, "Finite Difference Methods for Ordinary and Partial
 * Differential Equations", SIAM 2007, §9.2 and §10.1 (with {@code alpha = κ·Δt/Δx²}):
 *
 * <pre>
 *   u'[i][j] = u[i][j] + roundHalfUp(alpha · (u[i-1][j] + u[i+1][j] + u[i][j-1] + u[i][j+1] - 4·u[i][j]))
 * </pre>
 *
 * for every interior cell; border cells keep their values (Dirichlet boundary). With {@code alpha =
 * p / 2^q}, the rounding is {@code floor((p · lap + 2^(q-1)) / 2^q)}, an exact arithmetic shift in
 * 64 bits. Every cell reads only the previous grid, so the update order is irrelevant.
 *
 * <p>Boundedness (discrete maximum principle): for {@code alpha <= 1/4} the unrounded update is a
 * convex combination of the cell and its four neighbours, so it lies between their minimum and
 * maximum, and rounding to an integer keeps it there; hence every grid stays inside the range of
 * the initial one and no arithmetic can overflow.
 */
final class Diffusion {
  private Diffusion() {}

  static IntMatrix step(IntMatrix grid, int alphaNumerator, int alphaShift) {
    int n = grid.rows();
    int[] u = grid.toRowMajorArray();
    int[] next = u.clone();
    long half = 1L << (alphaShift - 1);
    for (int i = 1; i < n - 1; i++) {
      for (int j = 1; j < n - 1; j++) {
        int c = i * n + j;
        long lap = (long) u[c - n] + u[c + n] + u[c - 1] + u[c + 1] - 4L * u[c];
        next[c] = (int) (u[c] + ((alphaNumerator * lap + half) >> alphaShift));
      }
    }
    return IntMatrix.of(n, n, next);
  }
}
