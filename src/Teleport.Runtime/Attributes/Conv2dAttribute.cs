using System;

namespace Teleport;

/// <summary>
/// A 2-D convolution h = σ(W ⋆ h₋₁ + b) with PyTorch <c>nn.Conv2d</c> semantics (cross-correlation, zero
/// padding, one group, dilation 1): <c>W</c> is stored [out, in, kernel, kernel] row-major and the bias has one
/// value per output channel. Its input is an image [C, H, W] (NCHW per sample): the network's
/// <see cref="NetworkAttribute.InputShape"/>, or the output of the layer before it. Layers are taken in source
/// order; a <see cref="DenseAttribute"/> after an image layer reads its output flattened in (C, H, W) order, as
/// <c>torch.flatten(x, 1)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2dAttribute : Attribute
{
    /// <summary>Creates a convolution with <paramref name="outChannels"/> output channels.</summary>
    public Conv2dAttribute(int outChannels) => OutChannels = outChannels;

    /// <summary>Number of output channels (filters).</summary>
    public int OutChannels { get; }

    /// <summary>The side of the square kernel; 3 by default.</summary>
    public int Kernel { get; set; } = 3;

    /// <summary>The step between neighbouring outputs, in both directions; 1 by default.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zeros added on every side of the input; 0 by default. The output side is ⌊(side + 2·Padding − Kernel)/Stride⌋ + 1.</summary>
    public int Padding { get; set; }

    /// <summary>The activation as a formula in <c>x</c> (as on <see cref="DenseAttribute.Activation"/>); <see langword="null"/> or empty means identity.</summary>
    public string? Activation { get; set; }

    /// <summary>Whether the layer has a bias (one value per output channel); true by default.</summary>
    public bool Bias { get; set; } = true;
}
