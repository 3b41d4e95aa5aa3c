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
}

/// <summary>
/// σ, σ′ or σ⁻¹ of hidden layer <see cref="Layer"/> as a unary formula in a0: what the runtime's
/// symmetry kernels take as operator type arguments (they are not statements of any program).
/// </summary>
internal sealed record LayerOperator(LayerOperatorRole Role, int Layer, Expr Function)
{
    /// <summary>What the operator is to the kernels, for the operator struct's remarks.</summary>
    public string Describe() => Role switch
    {
        LayerOperatorRole.Activation => $"σ of hidden layer {Layer}, in its S3/S4 group actions (σ(Z) on the teleport batch)",
        LayerOperatorRole.Derivative => $"σ′ of hidden layer {Layer}, in its S3/S4 adjoints (σ′(Z))",
        LayerOperatorRole.Inverse => $"σ⁻¹ of hidden layer {Layer}, in its S3 group action (σ⁻¹(g·σ(Z)))",
        _ => throw new System.ArgumentOutOfRangeException(nameof(Role), Role, "Unknown layer operator."),
    };
}
