using System;

namespace Teleport;

/// <summary>
/// Marks a <c>partial class</c> as a network for the Teleport source generator. The layers are the
/// <see cref="DenseAttribute"/>s on the same declaration, in source order.
/// </summary>
/// <example>
/// <code>
/// [Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
/// [Dense(16, Activation = "leaky_relu(0.1)", Bias = false)]
/// [Dense(10, Bias = false)]
/// public partial class Mlp { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Number of input features per sample (the first layer's fan-in).</summary>
    public int Inputs { get; set; }

    /// <summary>The training loss; softmax cross-entropy by default.</summary>
    public LossKind Loss { get; set; } = LossKind.SoftmaxCrossEntropy;
}
