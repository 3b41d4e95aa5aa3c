using System.Globalization;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The shapes of one 2-D convolution (PyTorch nn.Conv2d, cross-correlation, zero padding): an input image
/// [InChannels, Height, Width] per sample, a square Kernel, Stride and Padding, OutChannels filters. The weight is read
/// as [OutChannels, InChannels·Kernel²] (PyTorch's [out, in, kH, kW] row-major); the output is
/// [OutChannels, OutHeight, OutWidth] per sample. Every size is a compile-time constant of the emitted call.
/// </summary>
internal sealed record ConvolutionGeometry(int InChannels, int Height, int Width, int OutChannels, int Kernel, int Stride, int Padding)
{
    /// <summary>⌊(H + 2p − k)/s⌋ + 1.</summary>
    public int OutHeight => (Height + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>⌊(W + 2p − k)/s⌋ + 1.</summary>
    public int OutWidth => (Width + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>Input features per sample, C·H·W.</summary>
    public int InputSize => InChannels * Height * Width;

    /// <summary>Output features per sample, C′·H′·W′.</summary>
    public int OutputSize => OutChannels * OutHeight * OutWidth;

    /// <summary>Columns of the weight read as a matrix: C·k².</summary>
    public int WeightColumns => InChannels * Kernel * Kernel;

    /// <summary>"3×3, stride 1, padding 1: [1, 28, 28] → [16, 28, 28]".</summary>
    public string Describe() =>
        string.Format(CultureInfo.InvariantCulture, "{0}×{0}, stride {1}, padding {2}: [{3}, {4}, {5}] → [{6}, {7}, {8}]",
            Kernel, Stride, Padding, InChannels, Height, Width, OutChannels, OutHeight, OutWidth);
}

/// <summary>
/// The shapes of one pooling: non-overlapping Kernel×Kernel windows (stride = kernel, no padding) over each of
/// Channels planes of Height×Width (the kernel divides both), giving [Channels, Height/Kernel, Width/Kernel].
/// </summary>
internal sealed record PoolGeometry(int Channels, int Height, int Width, int Kernel)
{
    public int OutHeight => Height / Kernel;

    public int OutWidth => Width / Kernel;

    public int InputSize => Channels * Height * Width;

    public int OutputSize => Channels * OutHeight * OutWidth;

    /// <summary>"2×2: [16, 28, 28] → [16, 14, 14]".</summary>
    public string Describe() =>
        string.Format(CultureInfo.InvariantCulture, "{0}×{0}: [{1}, {2}, {3}] → [{1}, {4}, {5}]", Kernel, Channels, Height, Width, OutHeight, OutWidth);
}

/// <summary>The image ops (convolutions and poolings), which the emitter lowers in one place (ProgramEmitter.Images).</summary>
internal abstract record ImageStatement : Statement;
