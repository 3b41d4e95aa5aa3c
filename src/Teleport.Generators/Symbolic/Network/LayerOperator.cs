using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>Which of a layer's derived functions a <see cref="LayerOperator"/> is.</summary>
internal enum LayerOperatorRole
{
    /// <summary>σ, for the S3 and S4 actions (σ(Z) on the batch).</summary>
    Activation,

    /// <summary>σ′, for the S3 and S4 adjoints (σ′(Z)).</summary>
    Derivative,

    /// <summary>σ⁻¹, for the S3 action (σ⁻¹(g·σ(Z))).</summary>
    Inverse,

    /// <summary>σ″, for the S4 orbit derivatives (the jets of σ(e^{tM}·Z)).</summary>
    SecondDerivative,

    /// <summary>σ‴, for the S4 orbit derivatives.</summary>
    ThirdDerivative,

    /// <summary>(σ⁻¹)′ at σ(z), written in z: 1/σ′(z), for the S3 orbit derivatives.</summary>
    InverseFirstDerivative,

    /// <summary>(σ⁻¹)″ at σ(z), written in z: −σ″(z)/σ′(z)³, for the S3 orbit derivatives.</summary>
    InverseSecondDerivative,

    /// <summary>(σ⁻¹)‴ at σ(z), written in z: (3σ″(z)² − σ′(z)σ‴(z))/σ′(z)⁵, for the S3 orbit derivatives.</summary>
    InverseThirdDerivative,
}

/// <summary>
/// σ, σ′, σ⁻¹ (or a higher derivative the orbit kernels need) of hidden layer <see cref="Layer"/> as a unary
/// formula in a0: what the runtime's symmetry and orbit kernels take as operator type arguments (they are not
/// statements of any program).
/// </summary>
internal sealed record LayerOperator(LayerOperatorRole Role, int Layer, Expr Function)
{
    /// <summary>What the operator is to the kernels, for the operator struct's remarks.</summary>
    public string Describe() => Role switch
    {
        LayerOperatorRole.Activation => $"σ of hidden layer {Layer}, in its S3/S4 group actions (σ(Z) on the teleport batch)",
        LayerOperatorRole.Derivative => $"σ′ of hidden layer {Layer}, in its S3/S4 adjoints (σ′(Z))",
        LayerOperatorRole.Inverse => $"σ⁻¹ of hidden layer {Layer}, in its S3 group action (σ⁻¹(g·σ(Z)))",
        LayerOperatorRole.SecondDerivative => $"σ″ of hidden layer {Layer}, in its S4 orbit derivatives (A″ = σ″(Z)⊙(MZ)² + σ′(Z)⊙M²Z, …)",
        LayerOperatorRole.ThirdDerivative => $"σ‴ of hidden layer {Layer}, in its S4 orbit derivatives (A‴)",
        LayerOperatorRole.InverseFirstDerivative => $"(σ⁻¹)′(σ(z)) = 1/σ′(z) of hidden layer {Layer}, in its S3 orbit derivatives (Z′ = (σ⁻¹)′⊙MA)",
        LayerOperatorRole.InverseSecondDerivative => $"(σ⁻¹)″(σ(z)) = −σ″(z)/σ′(z)³ of hidden layer {Layer}, in its S3 orbit derivatives (Z″)",
        LayerOperatorRole.InverseThirdDerivative => $"(σ⁻¹)‴(σ(z)) = (3σ″(z)² − σ′(z)σ‴(z))/σ′(z)⁵ of hidden layer {Layer}, in its S3 orbit derivatives (Z‴)",
        _ => throw new System.ArgumentOutOfRangeException(nameof(Role), Role, "Unknown layer operator."),
    };
}
