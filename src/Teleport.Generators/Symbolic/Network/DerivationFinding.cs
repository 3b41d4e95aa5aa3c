namespace Teleport.Generators.Symbolic.Network;

/// <summary>What the derivation found that the user should hear about, reported at the layer's declaration.</summary>
internal enum DerivationFindingKind
{
    /// <summary>A hidden layer whose σ is neither the identity nor positively homogeneous, and has no derived σ⁻¹: no symmetry (TP0014; the detail says why: not invertible, or σ⁻¹ not found).</summary>
    NoSymmetry,

    /// <summary>A cross-entropy network whose last layer applies a σ other than the identity to the logits (TP0009).</summary>
    ActivationOnLogits,

    /// <summary>σ does not depend on x: no gradient reaches the layer's parameters or anything before it (TP0015; refused).</summary>
    ConstantActivation,

    /// <summary>σ′ = 0 wherever σ is differentiable (σ is piecewise constant): no gradient flows through the layer (TP0016; refused).</summary>
    ZeroDerivative,

    /// <summary>The CAS reached its work bound on the layer's σ (<see cref="Scalar.ComplexityBudget"/>; TP0017; refused).</summary>
    TooComplex,

    /// <summary>
    /// A formula the emitter writes holds a finite constant beyond float's range: the float network computes with ±∞ there, its
    /// Float64 twin with the value (TP0018; where ±∞ makes the float code NaN at some input it is <see cref="UndefinedInFloat"/>).
    /// </summary>
    ConstantOutsideFloat,

    /// <summary>
    /// A formula the emitter writes holds a constant nonzero in double that float rounds to 0 or to a subnormal: the float
    /// network computes with 0 (or a few bits of the value) there, its Float64 twin with the value (TP0018; where that makes
    /// the float code NaN at some input it is <see cref="UndefinedInFloat"/>).
    /// </summary>
    ConstantBelowFloat,

    /// <summary>
    /// A formula the emitter writes is undefined in float though defined in double: with a constant that float rounds to 0 in
    /// its place it is 0/0, log(0) or ∞·0 for every input, or with a constant outside float's range it is NaN at some input
    /// where the twin computes a number: ±∞ in its place (∞·0, ∞ − ∞: leaky_relu(1e308) at x = 0), or 0 or a subnormal
    /// (0/0, 0·(−∞): x + sqrt(1e-50 + x²) has σ′ = 1 + x/sqrt(x² + 0), 0/0 at x = 0). The float network computes NaN or ±∞
    /// there (TP0024; refused).
    /// </summary>
    UndefinedInFloat,
    /// <summary>A convolution (with a layer after it) whose σ is neither positively homogeneous nor the identity: no channel symmetry (TP0037).</summary>
    ConvolutionWithoutSymmetry,

    /// <summary>
    /// σ as simplified, or a derivative or inverse the generated code computes, holds a constant that is NaN or ±∞ in
    /// double: the simplifier combined constants across parentheses ((x*1e308)*1e308), or differentiation did (TP0024; refused).
    /// </summary>
    UndefinedConstant,

    /// <summary>σ is undefined at some input (log or sqrt of a negative number, a division by 0): the network computes NaN or ±∞ there (TP0025).</summary>
    UndefinedForSomeInputs,

    /// <summary>A symmetry group whose generators (k² for GL(k)) do not fit the Lie-algebra span with the others: left out (TP0028).</summary>
    SymmetryTooLarge,
}

/// <summary>
/// One finding of the derivation: its kind, the layer, the activation as the user wrote it, and what was
/// found (<see cref="Detail"/>: the constant value, the bound that was reached; empty when the kind says it all).
/// <see cref="Constant"/> is the constant a finding about one (<see cref="DerivationFindingKind.ConstantOutsideFloat"/>,
/// <see cref="DerivationFindingKind.ConstantBelowFloat"/>,
/// <see cref="DerivationFindingKind.UndefinedInFloat"/>) is reported at, where the user wrote it if they did.
/// </summary>
internal sealed record DerivationFinding(DerivationFindingKind Kind, int Layer, string ActivationText, string Detail = "", double? Constant = null)
{
    /// <summary>Whether the finding refuses the network: nothing is emitted for it (its diagnostic is an error).</summary>
    public bool Refuses => Kind is DerivationFindingKind.ConstantActivation or DerivationFindingKind.ZeroDerivative or DerivationFindingKind.TooComplex
        or DerivationFindingKind.UndefinedConstant or DerivationFindingKind.UndefinedInFloat;
}
