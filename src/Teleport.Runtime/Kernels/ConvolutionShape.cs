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
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the padding is negative, the kernel does not fit the padded
    /// input, or a size the kernels use (input C·H·W, output C′·H′·W′, weight C′·C·k², im2col matrix C·k²·H′·W′, padded side) is above
    /// <see cref="int.MaxValue"/>.</exception>
    public ConvolutionShape(int inChannels, int height, int width, int outChannels, int kernel, int stride, int padding)
    {
        if (inChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "The input channels must be positive.");
        if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "The input height must be positive.");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "The input width must be positive.");
        if (outChannels <= 0) throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, "The output channels must be positive.");
        if (kernel <= 0) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "The kernel must be positive.");
        if (stride <= 0) throw new ArgumentOutOfRangeException(nameof(stride), stride, "The stride must be positive.");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "The padding must not be negative.");
        long paddedHeight = height + 2L * padding, paddedWidth = width + 2L * padding;
        if (Math.Max(paddedHeight, paddedWidth) > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"The padded {paddedHeight}×{paddedWidth} input is larger than int.MaxValue on a side.");
        if (paddedHeight < kernel || paddedWidth < kernel)
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"The {kernel}×{kernel} kernel does not fit the padded {paddedHeight}×{paddedWidth} input.");

        // Every size the kernels index with must fit an int (they compute it in int): else it wraps and passes the length checks.
        long outHeight = (paddedHeight - kernel) / stride + 1, outWidth = (paddedWidth - kernel) / stride + 1;
        long patch = (long)inChannels * kernel * kernel;
        ShapeSizes.RequireFits(nameof(height), height, (long)inChannels * height * width, "The input C·H·W");
        ShapeSizes.RequireFits(nameof(outChannels), outChannels, outChannels * outHeight * outWidth, "The output C′·H′·W′");
        ShapeSizes.RequireFits(nameof(kernel), kernel, outChannels * patch, "The weight C′·C·k²");
        ShapeSizes.RequireFits(nameof(kernel), kernel, patch * outHeight * outWidth, "The im2col matrix C·k²·H′·W′");
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
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the kernel does not divide the height and width, or the
    /// input C·H·W is above <see cref="int.MaxValue"/>.</exception>
    public PoolShape(int channels, int height, int width, int kernel)
    {
        if (channels <= 0) throw new ArgumentOutOfRangeException(nameof(channels), channels, "The channels must be positive.");
        if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "The height must be positive.");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "The width must be positive.");
        if (kernel <= 0 || height % kernel != 0 || width % kernel != 0)
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"The pooling kernel must be positive and divide the {height}×{width} input.");
        ShapeSizes.RequireFits(nameof(height), height, (long)channels * height * width, "The input C·H·W");
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

/// <summary>The check that a shape's derived size fits the int the kernels compute it in.</summary>
internal static class ShapeSizes
{
    public static void RequireFits(string name, int value, long size, string what)
    {
        if (size > int.MaxValue)
            throw new ArgumentOutOfRangeException(name, value, $"{what} would be {size} values, more than int.MaxValue.");
    }
}
