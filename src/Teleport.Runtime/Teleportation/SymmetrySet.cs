namespace Teleport.Teleportation;

/// <summary>Which symmetries a teleport may use; at most one per hidden layer is active.</summary>
public enum SymmetrySet
{
    /// <summary>
    /// Only symmetries exact for any data (<see cref="SymmetryInfo.IsExact"/>): per hidden layer a
    /// GL(k) one (S1 on identity layers, or a model's own) before a diagonal one (S2, positive scaling
    /// of positively homogeneous layers). The loss cannot drift beyond rounding.
    /// </summary>
    Exact,

    /// <summary>
    /// Also the data-dependent S3 and S4: per hidden layer S1 if present (exact and as large as any),
    /// else S3 or S4 when exact on this batch (S3: n ≤ fan-in + 1 with bias, n ≤ fan-in without;
    /// S4: n ≤ k), else S2, else S4 (approximate when n &gt; k, guarded by the loss tolerance), else
    /// another exact symmetry, else S3 outside its exact regime.
    /// </summary>
    All,

    /// <summary>
    /// Only S4, the least-squares data-dependent action (V → gV, U → U·σ(Vh)·σ(gVh)⁺), on every hidden layer that has
    /// it: the action the paper's sharpness and curvature teleports use (Zhao et al. 2024, Figure 4). It is exact only
    /// for batches of at most k samples; on larger batches the loss drifts and the drift guard decides.
    /// </summary>
    LeastSquares,
}
