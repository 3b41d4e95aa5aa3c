using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using Microsoft.CodeAnalysis;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// Follows the image [C, H, W] through the layers while the parser reads them: the network's InputShape, then each
/// convolution's and pooling layer's output, until a dense layer flattens it. Checks what only the shapes show — an
/// image layer without an image input (no InputShape, or after a dense layer), a kernel that does not fit, a pool
/// that does not divide — and turns each image layer into its spec.
/// </summary>
internal sealed class ImageFlow
{
    /// <summary>The most features per sample one layer may write (one span holds a sample's image; sizes are ints).</summary>
    private const long MaxFeatures = 0x7FFFFFC7;

    private readonly string _network;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly bool _declared;
    private ImageShape? _image;
    private int _denseBefore = -1;
    private bool _reportedMissingShape;

    private ImageFlow(string network, ImageShape? input, bool declared, List<DiagnosticInfo> diagnostics)
    {
        _network = network;
        _image = input;
        _declared = declared;
        _diagnostics = diagnostics;
    }

    /// <summary>The input image [C, H, W] when InputShape is given and valid (else null).</summary>
    public ImageShape? InputShape { get; private set; }

    /// <summary>Reads [Network]'s InputShape (TP0031 when it is not three positive sizes whose product is <paramref name="inputs"/>).</summary>
    public static ImageFlow Start(AttributeData network, int inputs, string name, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        TypedConstant? shape = null;
        foreach (var pair in network.NamedArguments)
            if (pair.Key == AttributeNames.InputShape) shape = pair.Value;
        if (shape is not { IsNull: false, Kind: TypedConstantKind.Array } array)
            return new ImageFlow(name, null, declared: false, diagnostics);

        var values = new List<int>();
        foreach (var value in array.Values)
            if (value.Value is int v) values.Add(v);
        string? problem = null;
        if (values.Count != 3)
            problem = $"must have 3 values (C, H, W), but has {Str(values.Count)}";
        else if (values[0] <= 0 || values[1] <= 0 || values[2] <= 0)
            problem = $"must hold positive sizes, but is [{string.Join(", ", values)}]";
        else if ((BigInteger)values[0] * values[1] * values[2] != inputs && inputs > 0)
            problem = $"is [{string.Join(", ", values)}] ({((BigInteger)values[0] * values[1] * values[2]).ToString(CultureInfo.InvariantCulture)} features), but Inputs is {Str(inputs)}";
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputShape, location, name, problem));
            return new ImageFlow(name, null, declared: true, diagnostics);
        }
        var image = new ImageShape(values[0], values[1], values[2]);
        return new ImageFlow(name, image, declared: true, diagnostics) { InputShape = image };
    }

    /// <summary>A dense layer at <paramref name="index"/>: its output is flat, so no image layer may follow.</summary>
    public void Flatten(int index)
    {
        _image = null;
        if (_denseBefore < 0) _denseBefore = index;
    }

    /// <summary>The spec of a [Conv2d] at <paramref name="index"/> (null when its shapes or arguments are wrong).</summary>
    public Conv2dLayerSpec? Conv2d(Conv2dAttributeData conv, int index, Symbolic.Scalar.Expr? activation, ref BigInteger parameterCount)
    {
        var ok = Positive(conv.OutChannels, $"Layer {Str(index)} out channels", conv.Location)
            & Positive(conv.Kernel, $"Layer {Str(index)} kernel", conv.Location)
            & Positive(conv.Stride, $"Layer {Str(index)} stride", conv.Location);
        if (conv.Padding < 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativePadding, conv.Location, Str(index), _network, Str(conv.Padding)));
            ok = false;
        }
        var input = Input(index, "Conv2d", conv.Location);
        if (input is null || !ok)
        {
            _image = null;
            return null;
        }
        // Padded sides in long: 2·Padding alone passes int.MaxValue (Padding = int.MaxValue printed "(2×2)").
        var padded = (Height: input.Height + 2L * conv.Padding, Width: input.Width + 2L * conv.Padding);
        if (padded.Height < conv.Kernel || padded.Width < conv.Kernel)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KernelLargerThanInput, conv.Location,
                Str(conv.Kernel), Str(index), _network, input.ToString(), Str(conv.Padding),
                $"{Str(padded.Height)}×{Str(padded.Width)}"));
            _image = null;
            return null;
        }
        parameterCount += (BigInteger)conv.OutChannels * input.Channels * conv.Kernel * conv.Kernel + (conv.Bias ? conv.OutChannels : 0);
        var side = (Height: Conv2dLayerSpec.OutputSideOf(input.Height, conv.Kernel, conv.Stride, conv.Padding), Width: Conv2dLayerSpec.OutputSideOf(input.Width, conv.Kernel, conv.Stride, conv.Padding));
        var features = (BigInteger)conv.OutChannels * side.Height * side.Width;
        if (features > MaxFeatures)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImageTooLarge, conv.Location, Str(index), _network,
                $"[{Str(conv.OutChannels)}, {Str(side.Height)}, {Str(side.Width)}]", features.ToString(CultureInfo.InvariantCulture), Str(MaxFeatures)));
            _image = null;
            return null;
        }
        // The output can be small (a stride as large as the padding) while a padded side passes int.MaxValue: the runtime's
        // ConvolutionShape and im2col compute H + 2p in int, which wrapped negative (an exception in the first Predict).
        if (padded.Height > int.MaxValue || padded.Width > int.MaxValue)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PaddedInputTooLarge, conv.Location, Str(index), _network, input.ToString(),
                Str(conv.Padding), $"{padded.Height.ToString(CultureInfo.InvariantCulture)}×{padded.Width.ToString(CultureInfo.InvariantCulture)}",
                Str(int.MaxValue), Str(conv.Kernel - 1)));
            _image = null;
            return null;
        }
        if (activation is null)
        {
            _image = null;
            return null;
        }
        var spec = new Conv2dLayerSpec(index, input, conv.OutChannels, conv.Kernel, conv.Stride, conv.Padding, conv.Bias, conv.Activation.Trim(), activation);
        _image = spec.Output;
        return spec;
    }

    /// <summary>The spec of a [MaxPool2d] or [AvgPool2d] at <paramref name="index"/> (null when its shapes or kernel are wrong).</summary>
    public PoolLayerSpec? Pool(PoolAttributeData pool, int index)
    {
        var ok = Positive(pool.Kernel, $"Layer {Str(index)} kernel", pool.Location);
        var input = Input(index, pool.Name, pool.Location);
        if (input is null || !ok)
        {
            _image = null;
            return null;
        }
        if (input.Height % pool.Kernel != 0 || input.Width % pool.Kernel != 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PoolDoesNotDivide, pool.Location,
                Str(pool.Kernel), Str(index), _network, input.ToString()));
            _image = null;
            return null;
        }
        var spec = new PoolLayerSpec(index, input, pool.IsMax, pool.Kernel);
        _image = spec.Output;
        return spec;
    }

    /// <summary>The image an image layer reads, or null with TP0030 (no InputShape) or TP0034 (after a dense layer).</summary>
    private ImageShape? Input(int index, string kind, LocationInfo? location)
    {
        if (_image is not null) return _image;
        if (_denseBefore >= 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImageLayerAfterDense, location, Str(index), _network, kind, Str(_denseBefore)));
        }
        else if (!_declared && !_reportedMissingShape)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ImageLayerNeedsInputShape, location, Str(index), _network, kind));
            _reportedMissingShape = true;
        }
        return null;
    }

    private bool Positive(int value, string what, LocationInfo? location)
    {
        if (value > 0) return true;
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, location, what, _network, Str(value)));
        return false;
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
