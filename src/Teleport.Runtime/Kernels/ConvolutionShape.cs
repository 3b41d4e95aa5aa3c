using System;

namespace Teleport.Kernels;

/// <summary>
/// The sizes of one 2-D convolution with PyTorch <c>nn.Conv2d</c> semantics (cross-correlation, zero padding, one
/// group): per sample an input image [<see cref="InChannels"/>, <see cref="Height"/>, <see cref="Width"/>] (NCHW,
/// row-major), <see cref="OutChannels"/> filters of <see cref="Kernel"/>×<see cref="Kernel"/> (the weight
/// [out, in, k, k] row-major, read as the matrix [out, in·k²]), <see cref="Stride"/> and <see cref="Padding"/>;
/// the output is [out, <see cref="OutHeight"/>, <see cref="OutWidth"/>]. Generated code passes it with constants.
/// </summary>
public readonly record struct ConvolutionShape
{
    /// <summary>Checks and stores the sizes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the padding is negative, or the kernel does not fit the padded input.</exception>
    public ConvolutionShape(int inChannels, int height, int width, int outChannels, int kernel, int stride, int padding)
    {
        if (inChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "The input channels must be positive.");
        if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "The input height must be positive.");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "The input width must be positive.");
        if (outChannels <= 0) throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, "The output channels must be positive.");
        if (kernel <= 0) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "The kernel must be positive.");
        if (stride <= 0) throw new ArgumentOutOfRangeException(nameof(stride), stride, "The stride must be positive.");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "The padding must not be negative.");
        if (height + 2 * padding < kernel || width + 2 * padding < kernel)
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"The {kernel}×{kernel} kernel does not fit the padded {height + 2 * padding}×{width + 2 * padding} input.");
        InChannels = inChannels;
        Height = height;
        Width = width;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
    }

    public int InChannels { get; }
    public int Height { get; }
    public int Width { get; }
    public int OutChannels { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Padding { get; }

    /// <summary>⌊(H + 2p − k)/s⌋ + 1.</summary>
    public int OutHeight => (Height + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>⌊(W + 2p − k)/s⌋ + 1.</summary>
    public int OutWidth => (Width + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>Input values per sample, C·H·W.</summary>
    public int InputSize => InChannels * Height * Width;

    /// <summary>Output values per sample, C′·H′·W′.</summary>
    public int OutputSize => OutChannels * OutputPositions;

    /// <summary>Output positions per channel, H′·W′.</summary>
    public int OutputPositions => OutHeight * OutWidth;

    /// <summary>Columns of the weight matrix (rows of a sample's im2col matrix): C·k².</summary>
    public int Patch => InChannels * Kernel * Kernel;

    /// <summary>Weight values, C′·C·k².</summary>
    public int WeightSize => OutChannels * Patch;

    /// <summary>True for a 1×1 kernel with stride 1 and no padding: the im2col matrix is the input itself.</summary>
    internal bool IsPointwise => Kernel == 1 && Stride == 1 && Padding == 0;
}

/// <summary>
/// The sizes of one pooling over non-overlapping square windows (stride = kernel, no padding, PyTorch's
/// <c>nn.MaxPool2d(k)</c> / <c>nn.AvgPool2d(k)</c>): per sample an image [<see cref="Channels"/>, <see cref="Height"/>,
/// <see cref="Width"/>] whose sides the kernel divides, pooled to [C, H/k, W/k].
/// </summary>
public readonly record struct PoolShape
{
    /// <summary>Checks and stores the sizes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the kernel does not divide the height and width.</exception>
    public PoolShape(int channels, int height, int width, int kernel)
    {
        if (channels <= 0) throw new ArgumentOutOfRangeException(nameof(channels), channels, "The channels must be positive.");
        if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "The height must be positive.");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "The width must be positive.");
        if (kernel <= 0 || height % kernel != 0 || width % kernel != 0)
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"The pooling kernel must be positive and divide the {height}×{width} input.");
        Channels = channels;
        Height = height;
        Width = width;
        Kernel = kernel;
    }

    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public int Kernel { get; }

    public int OutHeight => Height / Kernel;
    public int OutWidth => Width / Kernel;

    /// <summary>Input values per sample, C·H·W.</summary>
    public int InputSize => Channels * Height * Width;

    /// <summary>Output values per sample, C·(H/k)·(W/k).</summary>
    public int OutputSize => Channels * OutHeight * OutWidth;
}
