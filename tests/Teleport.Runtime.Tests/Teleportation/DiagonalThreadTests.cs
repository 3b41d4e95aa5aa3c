using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.Runtime.Tests.Kernels;
using Teleport.Testing;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// The S2 kernels of a wide hidden layer (V and U both ≥ <see cref="GemmParallel.MinimumElements"/> values) share their
/// passes with the GEMM worker: the action, the covector transport and the adjoint give one thread's bits, and the
/// action stays all-or-nothing when the value that would overflow is in the worker's rows or columns.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public sealed class DiagonalThreadTests
{
    // k units with d inputs each, m units in the next layer: V [k × d] and U [m × k] are both past the threshold.
    private const int K = 512, D = 600, M = 520;

    [Fact]
    public void TheActionAndTransportGiveTheBitsOfOneThread()
    {
        Check<float>();
        Check<double>();
    }

    [Fact]
    public void TheAdjointGivesTheBitsOfOneThread()
    {
        Adjoint<float>();
        Adjoint<double>();
    }

    [Theory]
    [InlineData("V row", 0)]
    [InlineData("V row", K - 1)]
    [InlineData("U column", 0)]
    [InlineData("U column", K - 1)]
    [InlineData("NaN in U", K - 1)]
    public void AnOverflowAnywhereLeavesEverythingUnchanged(string where, int unit)
    {
        var layer = Parameters<float>.Create(11);
        var g = Factors<float>(12);
        switch (where)
        {
            case "V row":
                layer.V[unit * D + D - 1] = 1e30f;
                g[unit] = 1e10f;
                break;
            case "U column":
                layer.U[(M - 1) * K + unit] = 1e30f;
                g[unit] = 1e-10f;
                break;
            default:
                layer.U[(M - 1) * K + unit] = float.NaN;
                break;
        }
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        var result = TwoThreads.UntilSplit(() =>
        {
            var copy = layer.Copy();
            var outcome = SymmetryKernels.DiagonalAction<float>(g, copy.Block());
            Assert.True(copy.SameAs(layer), $"{where} {unit}: the parameters changed");
            return outcome;
        }, $"the refused action ({where} {unit})");
        Assert.Equal(GroupActionResult.Undefined, result);
    }

    private static void Check<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var start = Parameters<T>.Create(1);
        var g = Factors<T>(2);
        Parameters<T>[] All()
        {
            var acted = start.Copy();
            Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DiagonalAction<T>(g, acted.Block()));
            var moved = start.Copy();
            Assert.True(SymmetryKernels.DiagonalTransport<T>(g, moved.Block(), squared: false));
            var squared = start.Copy();
            Assert.True(SymmetryKernels.DiagonalTransport<T>(g, squared.Block(), squared: true));
            return [acted, moved, squared];
        }
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 1;
        var one = All();
        // One thread: each value multiplied or divided once, by its row's or its column's factor.
        Assert.Equal(start.V[3 * D + 5] * g[3], one[0].V[3 * D + 5]);
        Assert.Equal(start.B[7] * g[7], one[0].B[7]);
        Assert.Equal(start.U[9 * K + 11] / g[11], one[0].U[9 * K + 11]);
        Assert.Equal(start.V[3 * D + 5] / (g[3] * g[3]), one[2].V[3 * D + 5]);
        MatrixMultiply.MaxThreads = 2;
        var two = TwoThreads.UntilSplit(All, $"{typeof(T).Name}: the S2 action and transport");
        string[] names = ["action", "transport", "squared transport"];
        for (var i = 0; i < one.Length; i++) Assert.True(one[i].SameAs(two[i]), $"{typeof(T).Name}: the {names[i]} differs from one thread's");
        var target = start.Copy();
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            SymmetryKernels.DiagonalTransport<T>(g, target.Block(), squared: false);
            SymmetryKernels.DiagonalAction<T>(g, target.Block());
        }));
    }

    private static void Adjoint<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layer = Parameters<T>.Create(3);
        T[] Run()
        {
            var result = new T[K];
            SymmetryKernels.DiagonalAdjoint<T>(layer.Block(), result);
            return result;
        }
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 1;
        var one = Run();
        MatrixMultiply.MaxThreads = 2;
        var two = TwoThreads.UntilSplit(Run, $"{typeof(T).Name}: the S2 adjoint");
        Assert.True(one.AsSpan().SequenceEqual(two), $"{typeof(T).Name}: the adjoint differs from one thread's");
        // And its definition, for one unit: Σ_l G_V·V + G_b·b − Σ_i U·G_U (the same sums, to rounding).
        double expected = 0;
        for (var l = 0; l < D; l++) expected += double.CreateTruncating(layer.GradV[5 * D + l] * layer.V[5 * D + l]);
        expected += double.CreateTruncating(layer.GradB[5] * layer.B[5]);
        for (var i = 0; i < M; i++) expected -= double.CreateTruncating(layer.U[i * K + 5] * layer.GradU[i * K + 5]);
        Assert.Equal(expected, double.CreateTruncating(one[5]), typeof(T) == typeof(float) ? 1e-3 : 1e-10);
    }

    private static T[] Factors<T>(int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Positive factors in [0.55, 1.95) (the values are in [−2, 2)): exact powers of two would make every division exact and hide a wrong order.
        var values = TestData.Values<T>(seed, K);
        for (var j = 0; j < K; j++) values[j] = T.CreateTruncating(1.25) + T.CreateTruncating(0.35) * values[j];
        return values;
    }

    private sealed record Parameters<T>(T[] V, T[] B, T[] U, T[] GradV, T[] GradB, T[] GradU)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Parameters<T> Create(int seed) => new(
            TestData.Values<T>(seed, K * D), TestData.Values<T>(seed + 100, K), TestData.Values<T>(seed + 200, M * K),
            TestData.Values<T>(seed + 300, K * D), TestData.Values<T>(seed + 400, K), TestData.Values<T>(seed + 500, M * K));

        public Parameters<T> Copy() => new((T[])V.Clone(), (T[])B.Clone(), (T[])U.Clone(), GradV, GradB, GradU);

        public bool SameAs(Parameters<T> other) =>
            V.AsSpan().SequenceEqual(other.V) && B.AsSpan().SequenceEqual(other.B) && U.AsSpan().SequenceEqual(other.U);

        public HiddenLayerBlock<T> Block() => new()
        {
            Width = K, InputSize = D, NextWidth = M, HasBias = true,
            V = V, B = B, U = U, GradV = GradV, GradB = GradB, GradU = GradU,
        };
    }
}
