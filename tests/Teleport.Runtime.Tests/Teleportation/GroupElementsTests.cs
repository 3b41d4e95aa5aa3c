using System;
using Teleport.LinearAlgebra;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>The three maps from a Lie-algebra step to a group element, and their validity checks.</summary>
public sealed class GroupElementsTests
{
    private const int K = 4;

    [Fact]
    public void FullMapsAgreeWithTheirDefinitions()
    {
        double[] x = Block.Random(91, 1, K, K, 1, weightScale: 0.3).V;
        var g = new double[K * K];
        var workspace = new double[GroupElements.WorkspaceLength(K)];
        var pivots = new int[K];

        Assert.True(GroupElements.TryMap<double>(GroupElementMap.Exponential, x, g, K, workspace, pivots));
        Orbit.AssertClose(MatrixExponential.Compute<double>(x, K), g, 1e-15, "exp");

        Assert.True(GroupElements.TryMap<double>(GroupElementMap.Cayley, x, g, K, workspace, pivots));
        Assert.True(Cayley.TryCompute<double>(x, K, out double[]? cayley));
        Orbit.AssertClose(cayley, g, 1e-15, "Cayley");

        Assert.True(GroupElements.TryMap<double>(GroupElementMap.FirstOrder, x, g, K, workspace, pivots));
        double[] expected = (double[])x.Clone();
        for (int i = 0; i < K; i++)
        {
            expected[i * K + i] += 1;
        }

        Assert.Equal(expected, g);
    }

    [Fact]
    public void SingularOrNonFiniteElementsAreRejected()
    {
        var g = new double[K * K];
        var workspace = new double[GroupElements.WorkspaceLength(K)];
        var pivots = new int[K];
        double[] minusIdentity = SmallMatrix.Identity<double>(K);
        for (int i = 0; i < K; i++)
        {
            minusIdentity[i * K + i] = -1;
        }

        Assert.False(GroupElements.TryMap<double>(GroupElementMap.FirstOrder, minusIdentity, g, K, workspace, pivots));
        double[] nan = new double[K * K];
        nan[3] = double.NaN;
        foreach (GroupElementMap map in Enum.GetValues<GroupElementMap>())
        {
            Assert.False(GroupElements.TryMap<double>(map, nan, g, K, workspace, pivots));
        }

        // Cayley: the numerator I + X/2 is singular for X = −2I
        double[] minusTwo = Array.ConvertAll(minusIdentity, v => 2 * v);
        Assert.False(GroupElements.TryMap<double>(GroupElementMap.Cayley, minusTwo, g, K, workspace, pivots));
    }

    [Fact]
    public void DiagonalMapsAreElementwiseAndPositive()
    {
        double[] x = [0.3, -0.2, 0.0];
        var g = new double[3];
        Assert.True(GroupElements.TryMapDiagonal<double>(GroupElementMap.Exponential, x, g));
        Assert.Equal([Math.Exp(0.3), Math.Exp(-0.2), 1.0], g);
        Assert.True(GroupElements.TryMapDiagonal<double>(GroupElementMap.Cayley, x, g));
        Assert.Equal([1.15 / 0.85, 0.9 / 1.1, 1.0], g);
        Assert.True(GroupElements.TryMapDiagonal<double>(GroupElementMap.FirstOrder, x, g));
        Assert.Equal([1.3, 0.8, 1.0], g);

        Assert.False(GroupElements.TryMapDiagonal<double>(GroupElementMap.FirstOrder, [0.5, -1.0], new double[2]));
        Assert.False(GroupElements.TryMapDiagonal<double>(GroupElementMap.Cayley, [2.0], new double[1]));
        Assert.False(GroupElements.TryMapDiagonal<double>(GroupElementMap.Cayley, [3.0], new double[1]));
        Assert.False(GroupElements.TryMapDiagonal<double>(GroupElementMap.Exponential, [800.0], new double[1]));
        Assert.False(GroupElements.TryMapDiagonal<float>(GroupElementMap.Exponential, [float.NaN], new float[1]));
    }
}
