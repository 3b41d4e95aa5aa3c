using System;

namespace Teleport.Teleportation;

/// <summary>
/// How orbit derivatives are taken (<see cref="IOrbitDerivatives{T}"/>): exactly, or the way the ICLR 2024 code
/// computes them for its curvature metric ψ.
/// </summary>
[Flags]
public enum OrbitDerivativeMode
{
    /// <summary>The exact derivatives of the composed curve: σ″ and σ‴ terms included, cross terms of symmetries sharing a weight matrix included.</summary>
    Exact = 0,

    /// <summary>Drop the terms in σ″ and σ‴ (the paper's Eqs. 57/60 take σ″ = 0, exact for LeakyReLU, not for smooth σ).</summary>
    DropActivationCurvature = 1,

    /// <summary>
    /// On a weight matrix that one symmetry moves as U and the next as V, add the two curves' derivatives instead of
    /// differentiating their composition: γ″ misses the cross term 2·V′·P′ (the paper's per-pair sums of γ″).
    /// </summary>
    PerPairSum = 2,

    /// <summary>The paper's ψ: both simplifications.</summary>
    Paper = DropActivationCurvature | PerPairSum,
}
