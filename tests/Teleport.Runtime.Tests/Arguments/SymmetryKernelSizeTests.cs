using System;
using Teleport.Runtime.Tests.Kernels;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>
/// Symmetry kernels given layer sizes whose products do not fit an int: U's k·r columns, the k×k group element, the
/// data-dependent kernels' n×n workspaces. They wrapped: a tiny U passed its shape check and the kernel failed deep
/// inside (an index out of range, naming nothing), and a 65 536-wide layer took an empty g.
/// </summary>
/// <remarks>
/// Already fine, not tested here: spans of the wrong length for their role and sizes below 1 (named by
/// <c>HiddenLayerBlock</c>'s checks and <see cref="SymmetryKernels"/>'s own), a result that is not k×k (its size is
/// computed in long).
/// </remarks>
public sealed class SymmetryKernelSizeTests
{
    // k = 3 and r = 1 431 655 766: k·r = 2³² + 2 wrapped to 2, so a U of 2 values passed as [1 × k·r].
    private const int Wide = 1_431_655_766;

    [Fact]
    public void AColumnGroupWhoseColumnsOverflowIsNamed()
    {
        float[] v = new float[3], u = new float[2], g = [1, 1, 1];
        Assert.Throws<ArgumentOutOfRangeException>("UColumnGroup", () => SymmetryKernels.DiagonalAction<float>(g, Layer(v, u)));
        Assert.Throws<ArgumentOutOfRangeException>("UColumnGroup", () => SymmetryKernels.DiagonalTransport<float>(g, Layer(v, u), squared: false));
        Assert.Throws<ArgumentOutOfRangeException>("UColumnGroup", () => SymmetryKernels.DiagonalAdjoint<float>(Layer(v, u) with { GradV = v, GradU = u }, new float[3]));
    }

    [Fact]
    public void AGroupElementOfMoreThanAnIntOfValuesIsNamedAsG()
    {
        // k² = 65 536² wrapped to 0: an empty g was taken, and the failure named an inner 'matrix'.
        float[] v = new float[65_536], u = new float[65_536];
        HiddenLayerBlock<float> Layer() => new() { Width = 65_536, InputSize = 1, NextWidth = 1, V = v, U = u };
        var error = Assert.Throws<ArgumentException>("g", () => SymmetryKernels.GeneralLinearAction<float>(ReadOnlySpan<float>.Empty, Layer()));
        Assert.Contains("4294967296", error.Message);
        Assert.Throws<ArgumentException>("g", () => SymmetryKernels.GeneralLinearTransport<float>(ReadOnlySpan<float>.Empty, Layer(), squared: true));
    }

    [Fact]
    public void ABatchWhoseGramMatricesCannotBeAnArrayIsNamed()
    {
        // 2n² for n = 33 000 wrapped negative: "Specified argument was out of the range of valid values".
        const int n = 33_000;
        float[] x = new float[n], one = [1f];
        HiddenLayerBlock<float> Layer() => new()
        {
            Width = 1, InputSize = 1, NextWidth = 1, BatchSize = n, V = one, U = one, GradV = one, GradU = one, H = x, Z = x, A = x,
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>("layer", () => SymmetryKernels.DataDependentAdjoint<float, AffineOperator<float>>(Layer(), new float[1]));
        Assert.Contains("smaller batch", error.Message);
    }

    private static HiddenLayerBlock<float> Layer(float[] v, float[] u) =>
        new() { Width = 3, InputSize = 1, NextWidth = 1, UColumnGroup = Wide, V = v, U = u };
}
