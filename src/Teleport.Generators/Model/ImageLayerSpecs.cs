using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Model;

/// <summary>One sample as an image: <see cref="Channels"/> planes of <see cref="Height"/>×<see cref="Width"/>, stored NCHW.</summary>
internal sealed record ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Positions per channel, H·W.</summary>
    public int Positions => Height * Width;

    /// <summary>Features per sample, C·H·W.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>"[16, 28, 28]".</summary>
    public override string ToString() => $"[{Channels}, {Height}, {Width}]";
}

/// <summary>
/// One [Conv2d] layer (PyTorch nn.Conv2d): W is [OutChannels, C_in, Kernel, Kernel], read by the IR as the 2-D
/// [OutChannels, C_in·Kernel²]; the bias has one value per output channel. The output side is
/// ⌊(side + 2·Padding − Kernel)/Stride⌋ + 1. The activation is kept as for a dense layer (text and parsed σ).
/// </summary>
internal sealed record Conv2dLayerSpec(
    int Index,
    ImageShape Input,
    int OutChannels,
    int Kernel,
    int Stride,
    int Padding,
    bool HasBias,
    string ActivationText,
    Expr Activation)
    : LayerSpec(Index, Input.Size)
{
    public override LayerKind Kind => LayerKind.Conv2d;

    public override int OutputSize => Output.Size;

    public override ImageShape? InputImage => Input;

    public override ImageShape? OutputImage => Output;

    /// <summary>The image written: [OutChannels, H′, W′].</summary>
    public ImageShape Output => new(OutChannels, OutputSide(Input.Height, Kernel, Stride, Padding), OutputSide(Input.Width, Kernel, Stride, Padding));

    /// <summary>⌊(side + 2·padding − kernel)/stride⌋ + 1, PyTorch's output size (0 when the kernel does not fit), for a spec the parser accepted (its image fits an int).</summary>
    public static int OutputSide(int side, int kernel, int stride, int padding) => (int)OutputSideOf(side, kernel, stride, padding);

    /// <summary><see cref="OutputSide"/> in long, which holds it for any int arguments (side + 2·padding passes int.MaxValue); the parser checks sizes with it.</summary>
    public static long OutputSideOf(int side, int kernel, int stride, int padding)
    {
        var padded = side + 2L * padding;
        return padded < kernel ? 0 : (padded - kernel) / stride + 1;
    }
}

/// <summary>
/// One [MaxPool2d] or [AvgPool2d] layer: non-overlapping Kernel×Kernel windows (stride = kernel, no padding) over
/// every channel, [C, H, W] → [C, H/Kernel, W/Kernel]; the parser has checked that the kernel divides H and W.
/// </summary>
internal sealed record PoolLayerSpec(int Index, ImageShape Input, bool IsMax, int Kernel) : LayerSpec(Index, Input.Size)
{
    public override LayerKind Kind => IsMax ? LayerKind.MaxPool2d : LayerKind.AvgPool2d;

    public override int OutputSize => Output.Size;

    public override ImageShape? InputImage => Input;

    public override ImageShape? OutputImage => Output;

    /// <summary>The image written: [C, H/Kernel, W/Kernel].</summary>
    public ImageShape Output => new(Input.Channels, Input.Height / Kernel, Input.Width / Kernel);
}
