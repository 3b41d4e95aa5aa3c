namespace Teleport.Teleportation;

/// <summary>Which symmetries a teleport may use; at most one per hidden layer is active.</summary>
public enum SymmetrySet
{
    /// <summary>
    /// Only symmetries exact for any data: per hidden layer S1 (GL(k), identity layers) if present,
    /// else S2 (positive diagonal scaling, positively homogeneous layers), else another symmetry the
    /// model marks exact (a hand-written model's own). The loss cannot drift beyond rounding.
    /// </summary>
    Exact,

    /// <summary>
    /// Also the data-dependent S3 and S4: per hidden layer S1 if present (exact and as large as any),
    /// else S3 when it is exact on this batch (n ≤ fan-in + 1 with bias, n ≤ fan-in without), else
    /// S4 (approximate when n &gt; k, guarded by the loss tolerance), else S2, else another exact
    /// symmetry, else S3 outside its exact regime.
    /// </summary>
    All,
}
