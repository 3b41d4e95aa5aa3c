using System;

namespace Teleport.Teleportation;

/// <summary>
/// Settings of the null-space teleport (<see cref="TeleportMethod.NullSpace"/>, Wu et al. 2025) beyond those it
/// shares with the group teleport (steps, η, trust radius, tolerance, backtracks, cap — on
/// <see cref="TeleportOptions"/>). Every setter validates its value.
/// </summary>
public sealed class NullSpaceOptions
{
    private double threshold = 0.99;

    /// <summary>
    /// τ: each dense layer keeps the smallest leading subspace of its input [H 1] on the teleport batch whose
    /// singular values carry at least τ of Σσᵢ² (the GPM energy criterion), and the layer's step is projected onto
    /// its orthogonal complement. τ = 1 keeps every numerically nonzero direction (the exact null space: the batch
    /// output cannot move); smaller τ frees more directions at the price of a loss drift. In (0, 1]. Default 0.99
    /// (docs/EXPERIMENTS.md, "Choosing the methods' defaults").
    /// </summary>
    public double Threshold
    {
        get => threshold;
        set => threshold = value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "Threshold (τ) must be in (0, 1].");
    }

    /// <summary>A copy with the same settings.</summary>
    public NullSpaceOptions Clone() => (NullSpaceOptions)MemberwiseClone();
}
