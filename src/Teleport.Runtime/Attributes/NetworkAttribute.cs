using System;

namespace Teleport;

/// <summary>
/// Marks a <c>partial class</c> as a network for the Teleport source generator. The layers are the
/// <see cref="DenseAttribute"/>, <see cref="Conv2dAttribute"/>, <see cref="MaxPool2dAttribute"/> and
/// <see cref="AvgPool2dAttribute"/> attributes on the same declaration, in source order.
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

    /// <summary>
    /// The shape of one input sample as an image, <c>new[] { C, H, W }</c> (C·H·W = <see cref="Inputs"/>): inputs are
    /// [batch, C, H, W] row-major (PyTorch's NCHW). Required when the network has a convolution or pooling layer.
    /// </summary>
    public int[]? InputShape { get; set; }

    /// <summary>The training loss; softmax cross-entropy by default.</summary>
    public LossKind Loss { get; set; } = LossKind.SoftmaxCrossEntropy;
}
