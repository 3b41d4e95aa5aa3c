using System;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>
/// Linear-algebra sizes whose element counts do not fit an array: the workspace lengths returned a wrapped, negative
/// number (which then passed the workspace check), and the allocating overloads failed on their own new array, naming
/// a destination the caller never passed.
/// </summary>
/// <remarks>
/// Already fine, not tested here: negative sizes (named), spans shorter than rows·cols (the check is in long, so a
/// product past int.MaxValue is reported, not wrapped), outputs overlapping inputs, non-float types, and NaN or
/// infinite ridges (<see cref="CholeskyRidge"/> names them).
/// </remarks>
public sealed class MatrixSizeTests
{
    [Fact]
    public void AWorkspaceLengthPastAnArrayIsRefused()
    {
        // 7·20 000² and 50 000² wrapped to negative lengths.
        Assert.Throws<ArgumentOutOfRangeException>("n", () => MatrixExponential.WorkspaceLength(20_000));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => Cayley.WorkspaceLength(50_000));
        Assert.Throws<ArgumentOutOfRangeException>("m", () => NormalEquations.PseudoInverseTimesWorkspaceLength(50_000, 60_000, 1));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => NormalEquations.TimesPseudoInverseWorkspaceLength(60_000, 50_000, 1));
        Assert.Throws<ArgumentOutOfRangeException>("p", () => NormalEquations.PseudoInverseTimesWorkspaceLength(2, 3, 1_500_000_000));
        // The group elements' workspace is the exponential's, named as their own k.
        Assert.Throws<ArgumentOutOfRangeException>("k", () => Teleport.Teleportation.GroupElements.WorkspaceLength(20_000));
        Assert.Equal(MatrixExponential.WorkspaceLength(300), Teleport.Teleportation.GroupElements.WorkspaceLength(300));
    }

    [Fact]
    public void WorkspaceLengthsThatFitAreUnchanged()
    {
        Assert.Equal(7 * 17_000 * 17_000, MatrixExponential.WorkspaceLength(17_000));
        Assert.Equal(46_000 * 46_000, Cayley.WorkspaceLength(46_000));
        Assert.Equal(2 * 2 + 2 * 5, NormalEquations.PseudoInverseTimesWorkspaceLength(2, 3, 5));
        Assert.Equal(3 * 3 + 5 * 3, NormalEquations.TimesPseudoInverseWorkspaceLength(4, 3, 5));
    }

    [Fact]
    public void ANewMatrixPastAnArrayNamesItsSize()
    {
        // 65 536² wrapped to 0: a new empty array, then "'destination' has 0 elements" or "C has 0 elements".
        Assert.Throws<ArgumentOutOfRangeException>("n", () => SmallMatrix.Identity<double>(65_536));
        var column = new float[65_536];
        Assert.Throws<ArgumentOutOfRangeException>("n", () => SmallMatrix.Multiply<float>(column, column, 65_536, 1, 65_536));
        var row = new double[65_536];
        Assert.Throws<ArgumentOutOfRangeException>("p", () => NormalEquations.PseudoInverseTimes<double>(row, 1, 65_536, row, 65_536, CholeskyRidge.None, out _));
        Assert.Throws<ArgumentOutOfRangeException>("m", () => NormalEquations.TimesPseudoInverse<double>(row, 65_536, 1, row, 65_536, CholeskyRidge.None, out _));
    }
}
