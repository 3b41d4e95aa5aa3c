using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

// Sizes computed exactly: products of sizes that wrap an int or a long are reported (TP0012, TP0036), never wrapped.
public partial class DiagnosticTests
{
    [Theory]
    // 4·H·H wrapped a long: ParameterCount = -900996095 and the network generated.
    [InlineData("[Lstm(2000000000, Bias = false)]\n[Dense(1)]", "16000000010000000001 parameters")]
    // ParameterCount 0 and 52 CS0103 errors in the generated code.
    [InlineData("[Lstm(int.MaxValue, Bias = false)]", "18446744065119617024 parameters")]
    public void TP0012_LstmSizesThatWrapALong(string layers, string count)
    {
        var d = Single("TP0012", $$"""
            using Teleport;
            [Network(Inputs = 1, Loss = LossKind.MeanSquaredError)]
            {{layers}}
            public partial class Wide { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains($"The network 'Wide' has {count}, more than the 2147483591", d.GetMessage());
    }

    [Fact]
    public void TP0012_ConvolutionWeightsThatWrapALong()
    {
        // 3·1·K² with K = 2·10⁹ wrapped a long.
        var d = Single("TP0012", """
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 }, Loss = LossKind.MeanSquaredError)]
            [Conv2d(3, Kernel = 2000000000, Padding = 1000000000, Bias = false)]
            [Dense(2)]
            public partial class WideKernel { }
            """);
        Assert.Contains("has 12000000000000000152 parameters", d.GetMessage());
    }

    [Fact]
    public void TP0036_PaddingThatWrapsAnInt()
    {
        // 4 + 2·int.MaxValue wrapped to 2: TP0032 said the 3×3 kernel did not fit "(2×2)"; the padded input is huge.
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 }, Loss = LossKind.MeanSquaredError)]
            [Conv2d(1, Kernel = 3, Padding = int.MaxValue)]
            [Dense(2)]
            public partial class Padded { }
            """);
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id == "TP0032");
        var d = Assert.Single(output.GeneratorDiagnostics, d => d.Id == "TP0036");
        Assert.Contains("writes an image [1, 4294967296, 4294967296] of 18446744073709551616 features per sample", d.GetMessage());
    }

    [Fact]
    public void TP0031_InputShapeWhoseProductWrapsALong()
    {
        // 2³¹−1 cubed is printed exactly, not as a wrapped long.
        var d = Single("TP0031", """
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { int.MaxValue, int.MaxValue, int.MaxValue })]
            [Conv2d(1)]
            [Dense(2)]
            public partial class Cube { }
            """);
        Assert.Contains("(9903520300447984150353281023 features), but Inputs is 16", d.GetMessage());
    }
}

// The last layer's output size and the parameters, whatever the layers' kinds.
public partial class DiagnosticTests
{
    [Theory]
    [InlineData("[Conv2d(1, Kernel = 4)]", "Conv2d(1, Kernel = 4)")]
    [InlineData("[Conv2d(1, Kernel = 2)]\n[MaxPool2d(3)]", "MaxPool2d(3)")]
    public void TP0008_CrossEntropyOnOneOutputOfAnImageLayer(string layers, string underlined)
    {
        // Only a [Dense] last layer was checked: a convolution writing 1 feature generated a one-class softmax.
        var d = Single("TP0008", $$"""
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 }, Loss = LossKind.SoftmaxCrossEntropy)]
            {{layers}}
            public partial class OneClass { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("the last layer of 'OneClass' has 1", d.GetMessage());
        Assert.Equal(underlined, Underlined(d));
    }

    [Fact]
    public void TP0023_PoolingOnly()
    {
        // Generated with ParameterCount 0: nothing to train.
        var d = Single("TP0023", """
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 }, Loss = LossKind.MeanSquaredError)]
            [AvgPool2d(2)]
            [MaxPool2d(2)]
            public partial class PoolOnly { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("The network 'PoolOnly' has no parameters", d.GetMessage());
        Assert.Equal("PoolOnly", Underlined(d));
    }
}
