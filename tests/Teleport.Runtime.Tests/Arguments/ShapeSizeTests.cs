using System;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>
/// Convolution and pooling shapes whose per-sample sizes do not fit an int: refused when the shape is made. They used
/// to wrap, so a wrapped size passed the kernels' length checks (a wrapped plane of 0 let the 2×2 pooling paths read
/// and write through <c>Unsafe</c> refs past the end of an empty span) or failed deep in a slice naming nothing.
/// </summary>
/// <remarks>
/// Already fine, not tested here: non-positive sizes, a negative padding and a kernel larger than the padded input
/// (the constructors name them); a default shape and a negative batch (the kernels name them); operands shorter than
/// n samples, or a destination overlapping an operand (the kernels name them).
/// </remarks>
public sealed class ShapeSizeTests
{
    [Fact]
    public void APoolingImageLargerThanAnIntIsRefused()
    {
        // 65 536 × 65 536 values per plane wrapped to 0: every length check passed with empty spans.
        var error = Assert.Throws<ArgumentOutOfRangeException>("height", () => new PoolShape(1, 65_536, 65_536, 256));
        Assert.Contains("4294967296", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>("height", () => new PoolShape(70_000, 200, 200, 2));
    }

    [Fact]
    public void TheLargestPoolingImageThatFitsIsKept()
    {
        var shape = new PoolShape(1, 46_340, 46_340, 2);
        Assert.Equal(46_340 * 46_340, shape.InputSize);
    }

    [Fact]
    public void AConvolutionWhoseSizesOverflowIsRefused()
    {
        // Input C·H·W past int.MaxValue.
        Assert.Throws<ArgumentOutOfRangeException>("height", () => new ConvolutionShape(1, 65_536, 65_536, 1, 3, 1, 0));
        // Output C′·H′·W′ past it while the input fits.
        Assert.Throws<ArgumentOutOfRangeException>("outChannels", () => new ConvolutionShape(1, 4_096, 4_096, 1_000, 1, 1, 0));
        // The im2col matrix C·k²·H′·W′ past it while input and output fit.
        Assert.Throws<ArgumentOutOfRangeException>("kernel", () => new ConvolutionShape(16, 1_024, 1_024, 1, 31, 1, 15));
        // The weight C′·C·k² past it.
        Assert.Throws<ArgumentOutOfRangeException>("kernel", () => new ConvolutionShape(1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 0));
    }

    [Fact]
    public void AHugePaddingIsNamedAsThePadding()
    {
        // H + 2p wrapped negative and was reported as a kernel that does not fit.
        Assert.Throws<ArgumentOutOfRangeException>("padding", () => new ConvolutionShape(1, 8, 8, 1, 3, 1, int.MaxValue / 2 + 1));
    }

    [Fact]
    public void MakingAShapeThatFitsAllocatesNothing()
    {
        // Generated code makes its shapes per call, with constants: the size checks must not build their messages up front.
        int made = 0;
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                made += new ConvolutionShape(3, 28, 28, 8, 3, 1, 1).OutputSize + new PoolShape(8, 28, 28, 2).OutputSize;
            }
        }));
        Assert.True(made > 0);
    }
}
