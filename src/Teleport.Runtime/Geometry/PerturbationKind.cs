namespace Teleport.Geometry;

/// <summary>How a sharpness measure perturbs the parameters w at radius t.</summary>
public enum PerturbationKind
{
    /// <summary>
    /// The paper's φ: w + t·d/‖d‖ with d ~ U[0, 1)^P — non-negative entries, so every perturbation points into
    /// the same orthant (Zhao et al.'s <c>torch.rand</c>; correlation.py).
    /// </summary>
    UniformPositive,

    /// <summary>w + t·d/‖d‖ with d ~ N(0, I): a uniformly random direction on the sphere of radius t.</summary>
    Gaussian,

    /// <summary>
    /// Average-case adaptive sharpness (Kwon et al. 2021; Andriushchenko et al. 2023): w + t·|w| ⊙ ε with
    /// ε ~ N(0, I), so each weight moves by a relative amount of standard deviation t. Invariant under every
    /// symmetry that rescales single parameters by positive factors (S2): with w′ = c ⊙ w, c &gt; 0,
    /// w′ + t·|w′| ⊙ ε = c ⊙ (w + t·|w| ⊙ ε), the image of the same perturbed point, so the loss is the same.
    /// </summary>
    AdaptiveGaussian,
}
