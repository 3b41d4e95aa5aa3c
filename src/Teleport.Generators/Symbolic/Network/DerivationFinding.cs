namespace Teleport.Generators.Symbolic.Network;

/// <summary>What the derivation found that the user should hear about, reported at the layer's declaration.</summary>
internal enum DerivationFindingKind
{
    /// <summary>A hidden layer whose σ is neither the identity, positively homogeneous, nor invertible: no symmetry (TP0014).</summary>
    NoSymmetry,

    /// <summary>A cross-entropy network whose last layer applies a σ other than the identity to the logits (TP0009).</summary>
    ActivationOnLogits,

    /// <summary>A convolution (with a layer after it) whose σ is neither positively homogeneous nor the identity: no channel symmetry (TP0037).</summary>
    ConvolutionWithoutSymmetry,
}

/// <summary>One finding of the derivation: its kind, the layer and the activation as the user wrote it.</summary>
internal sealed record DerivationFinding(DerivationFindingKind Kind, int Layer, string ActivationText);
