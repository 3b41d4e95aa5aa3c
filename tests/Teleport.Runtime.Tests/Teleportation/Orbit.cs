using System;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>Applies a group element to a block in place; false when the action is undefined.</summary>
internal delegate bool BlockAction(double[] g, Block block);

/// <summary>Finite differences of a function along one-parameter subgroups g = exp(t·E).</summary>
internal static class Orbit
{
    /// <summary>
    /// (f(exp(εE)·θ) − f(exp(−εE)·θ)) / 2ε for every generator E: E_ij (k×k, row-major order) or,
    /// for the diagonal group, e_j (g = e^{±ε} at j, 1 elsewhere).
    /// </summary>
    public static double[] CentralDifferences(Block block, IBlockFunction f, BlockAction act, bool diagonal, double epsilon = 1e-5)
    {
        int k = block.K, count = diagonal ? k : k * k;
        var result = new double[count];
        for (int index = 0; index < count; index++)
        {
            double plus = ValueAlong(block, f, act, diagonal, index, epsilon);
            double minus = ValueAlong(block, f, act, diagonal, index, -epsilon);
            result[index] = (plus - minus) / (2 * epsilon);
        }

        return result;
    }

    /// <summary>exp(t·E) for generator <paramref name="index"/>: k×k, or k diagonal factors.</summary>
    public static double[] Element(int k, bool diagonal, int index, double t)
    {
        if (diagonal)
        {
            var g = new double[k];
            Array.Fill(g, 1.0);
            g[index] = Math.Exp(t);
            return g;
        }

        var x = new double[k * k];
        x[index] = t;
        return MatrixExponential.Compute<double>(x, k);
    }

    /// <summary>max |actual − expected| ≤ tolerance·max |expected|, and the expected values are not all tiny.</summary>
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0, error = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            double difference = Math.Abs(actual[i] - expected[i]);
            error = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(error, difference);
        }

        Assert.True(scale > 1e-3, $"{what}: the expected values are all tiny ({scale:G3}); the check would be vacuous");
        Assert.True(error <= tolerance * scale, $"{what}: max error {error:G3} > {tolerance:G3} × {scale:G3}");
    }

    private static double ValueAlong(Block block, IBlockFunction f, BlockAction act, bool diagonal, int index, double t)
    {
        Block moved = block.Clone();
        Assert.True(act(Element(block.K, diagonal, index, t), moved), "the action failed along the orbit");
        return f.Value(moved);
    }
}
