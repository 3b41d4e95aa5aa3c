namespace Teleport.Teleportation;

/// <summary>
/// What a group teleport moves along the orbit (<see cref="TeleportOptions.Objective"/>), in the direction
/// <see cref="TeleportOptions.Direction"/>. Each objective's gradient on the Lie algebra is the adjoint of the action
/// applied to the objective's parameter gradient (<see cref="ILieAlgebraAdjoint{T}"/>), except the curvature, which
/// moves along one generator.
/// </summary>
public enum TeleportObjective
{
    /// <summary>F = ‖∇L‖² (Zhao et al. 2023/2024: ascent for faster convergence); ∂F/∂θ = 2·H·∇L. The default.</summary>
    GradientNorm,

    /// <summary>
    /// The paper's teleport sharpness φ_tele = mean over radii t and directions d of L(θ + t·u_d/‖u_d‖) on the teleport
    /// batch, u_d ~ U[0,1)^P (generalization-and-meta-learning.md A4). The directions do not depend on the group element,
    /// so ∂φ/∂T = Jᵀ·ḡ with ḡ the mean gradient over the perturbed points: first-order gradients only. The directions are
    /// drawn once per teleport from <see cref="TeleportObjectiveOptions.Seed"/> (the authors draw them afresh, unseeded,
    /// at every step), so the guard compares values of one function.
    /// </summary>
    Sharpness,

    /// <summary>
    /// The paper's curvature teleport (A5): κ of the orbit curve exp(sM)·θ at s = 0, M ~ U[0,1) on the active symmetries
    /// (not normalised, as the authors), drawn once per teleport; each step moves along M by t = η·κ′(0), κ′ in closed form
    /// from the generated γ′, γ″, γ‴ (<see cref="IOrbitDerivatives{T}"/>). The Lie-algebra "gradient" is κ′(0)·M, the
    /// gradient of κ restricted to the one-parameter subgroup of M.
    /// </summary>
    Curvature,

    /// <summary>
    /// tr H by Hutchinson with <see cref="TeleportObjectiveOptions.TraceProbes"/> Rademacher probes z drawn once per
    /// teleport: F = mean zᵀHz, ∂F/∂θ = mean D³L[z, z, ·] (<see cref="IThirdOrderModel{T}"/>, derived, not differences).
    /// </summary>
    HessianTrace,

    /// <summary>
    /// λmax of H (Lanczos to <see cref="TeleportObjectiveOptions.EigenvalueTolerance"/> at every evaluation), F = uᵀHu for its unit eigenvector u,
    /// ∂F/∂θ = D³L[u, u, ·] (Hellmann–Feynman: u's own change does not enter at first order).
    /// </summary>
    TopEigenvalue,
}

/// <summary>Whether a teleport raises or lowers its <see cref="TeleportObjective"/>.</summary>
public enum ObjectiveDirection
{
    /// <summary>Ascend the objective (the default; the gradient-norm teleport's direction).</summary>
    Increase,

    /// <summary>Descend the objective.</summary>
    Decrease,
}
