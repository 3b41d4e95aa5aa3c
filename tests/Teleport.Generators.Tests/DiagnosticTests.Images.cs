using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

// The convolution and pooling diagnostics (TP0030–TP0037): one test per ID, with its message and place.
public partial class DiagnosticTests
{
    [Fact]
    public void TP0030_ImageLayerWithoutInputShape()
    {
        var d = Single("TP0030", """
            using Teleport;
            [Network(Inputs = 64)]
            [Conv2d(4, Kernel = 3)]
            [Dense(2)]
            public partial class NoShape { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("Layer 0 of 'NoShape' is a [Conv2d] layer", d.GetMessage());
        Assert.Contains("InputShape = new[] { C, H, W }", d.GetMessage());
        Assert.StartsWith("Conv2d(4", Underlined(d));
    }

    [Fact]
    public void TP0031_InputShapeThatDoesNotMatchInputs()
    {
        var d = Single("TP0031", """
            using Teleport;
            [Network(Inputs = 64, InputShape = new[] { 1, 8, 9 })]
            [Conv2d(4)]
            [Dense(2)]
            public partial class WrongShape { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("is [1, 8, 9] (72 features), but Inputs is 64", d.GetMessage());
    }

    [Fact]
    public void TP0031_InputShapeWithTwoValues()
    {
        var d = Single("TP0031", """
            using Teleport;
            [Network(Inputs = 64, InputShape = new[] { 8, 8 })]
            [Conv2d(4)]
            [Dense(2)]
            public partial class FlatShape { }
            """);
        Assert.Contains("must have 3 values (C, H, W), but has 2", d.GetMessage());
    }

    [Fact]
    public void TP0032_KernelLargerThanPaddedInput()
    {
        var d = Single("TP0032", """
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 })]
            [Conv2d(2, Kernel = 5)]
            [Dense(2)]
            public partial class BigKernel { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("The 5×5 kernel of layer 0 of 'BigKernel' does not fit its input [1, 4, 4] with padding 0 (4×4)", d.GetMessage());
        Assert.StartsWith("Conv2d(2", Underlined(d));
    }

    [Fact]
    public void TP0033_PoolThatDoesNotDivide()
    {
        var d = Single("TP0033", """
            using Teleport;
            [Network(Inputs = 49, InputShape = new[] { 1, 7, 7 })]
            [Conv2d(2, Kernel = 3, Padding = 1, Activation = "relu")]
            [MaxPool2d(2)]
            [Dense(2)]
            public partial class OddPool { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("The 2×2 pooling of layer 1 of 'OddPool' does not divide its input [2, 7, 7]", d.GetMessage());
        Assert.Equal("MaxPool2d(2)", Underlined(d));
    }

    [Fact]
    public void TP0034_ImageLayerAfterDense()
    {
        var d = Single("TP0034", """
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 })]
            [Dense(16, Activation = "relu")]
            [AvgPool2d(2)]
            [Dense(2)]
            public partial class PoolAfterDense { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("Layer 1 of 'PoolAfterDense' is a [AvgPool2d] layer after the dense layer 0", d.GetMessage());
    }

    [Fact]
    public void TP0035_NegativePadding()
    {
        var d = Single("TP0035", """
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 })]
            [Conv2d(2, Kernel = 3, Padding = -1)]
            [Dense(2)]
            public partial class NegativePad { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("The padding of layer 0 of 'NegativePad' must not be negative, but is -1", d.GetMessage());
    }

    [Fact]
    public void TP0036_LayerOutputTooLarge()
    {
        var d = Single("TP0036", """
            using Teleport;
            [Network(Inputs = 900000000, InputShape = new[] { 1, 30000, 30000 })]
            [Conv2d(4, Kernel = 1)]
            [Dense(2)]
            public partial class HugeImage { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("Layer 0 of 'HugeImage' writes an image [4, 30000, 30000] of 3600000000 features per sample", d.GetMessage());
    }

    [Fact]
    public void TP0037_ConvolutionWithoutChannelSymmetryIsReported()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 })]
            [Conv2d(2, Kernel = 3, Activation = "tanh")]
            [Dense(2)]
            public partial class TanhConv { }
            """);
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0037");
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Contains("Convolution layer 0 of 'TanhConv' (σ = tanh) admits no channel symmetry", d.GetMessage());
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id == "TP0014");
        Assert.Single(output.Sources);
    }

    [Fact]
    public void ImageLayersWithValidShapesReportNothing()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 64, InputShape = new[] { 1, 8, 8 })]
            [Conv2d(4, Kernel = 3, Padding = 1, Activation = "relu")]
            [MaxPool2d(2)]
            [Conv2d(4, Kernel = 3, Stride = 2, Padding = 1)]
            [AvgPool2d(2)]
            [Dense(2)]
            public partial class Fine { }
            """);
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id.StartsWith("TP", System.StringComparison.Ordinal));
        Assert.Single(output.Sources);
    }
}
