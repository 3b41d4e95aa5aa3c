using System;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests;

/// <summary>Helpers to move a generated network along one of its symmetry orbits.</summary>
internal static class Orbit
{
    /// <summary>g = exp(X) for a Lie-algebra element X of symmetry s (k×k, or k diagonal entries).</summary>
    public static T[] Exp<T>(SymmetryInfo s, ReadOnlySpan<T> x) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var g = new T[s.Dimension];
        if (s.Dimension == s.Width)
        {
            Assert.True(GroupElements.TryMapDiagonal(GroupElementMap.Exponential, x, g));
            return g;
        }
        var workspace = new T[GroupElements.WorkspaceLength(s.Width)];
        var pivots = new int[s.Width];
        Assert.True(GroupElements.TryMap(GroupElementMap.Exponential, x, g, s.Width, workspace, pivots));
        return g;
    }

    /// <summary>A deterministic Lie-algebra direction with entries in [−scale, scale].</summary>
    public static double[] Direction(SymmetryInfo s, int seed, double scale)
    {
        var random = new Random(seed);
        var x = new double[s.Dimension];
        for (var i = 0; i < x.Length; i++) x[i] = scale * (2 * random.NextDouble() - 1);
        return x;
    }

    /// <summary>True when the symmetry's exactness condition holds on a batch of n samples.</summary>
    public static bool ExactOn(NetworkInfo info, SymmetryInfo s, int n)
    {
        var layer = info.Layers[s.Layer];
        return s.Id switch
        {
            "S1" or "S2" => true,
            "S3" => n <= layer.InputSize + (layer.HasBias ? 1 : 0),
            _ => n <= s.Width,
        };
    }
}
