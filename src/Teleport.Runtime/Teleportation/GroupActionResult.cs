namespace Teleport.Teleportation;

/// <summary>What a finite group action did (see <see cref="SymmetryKernels"/>, <see cref="ITeleportable{T}.ApplyGroupAction"/>).</summary>
public enum GroupActionResult
{
    /// <summary>The parameters moved to g·θ.</summary>
    Applied,

    /// <summary>
    /// The action is undefined there — g singular or not finite, a Gram matrix that cannot be factored,
    /// or a new parameter that would not be finite. Nothing changed.
    /// </summary>
    Undefined,

    /// <summary>
    /// A data-dependent action (S3) would move an activation g·σ(Z) outside σ's range, where σ⁻¹ is
    /// undefined (tanh: |y| ≥ 1; sigmoid: y ∉ (0, 1); softplus: y ≤ 0). Nothing changed.
    /// </summary>
    OutsideActivationRange,
}
