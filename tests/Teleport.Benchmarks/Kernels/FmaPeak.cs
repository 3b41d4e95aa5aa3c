using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Teleport.Benchmarks.Kernels;

/// <summary>
/// This core's FP32 fused multiply-add peak right now (12 independent chains of 256-bit FMAs, no
/// memory): the yardstick for the matrix-product GFLOP/s on a machine whose clock and share of the
/// core vary with other work.
/// </summary>
internal static class FmaPeak
{
    public static double Measure()
    {
        Chains(1_000_000);
        var watch = Stopwatch.StartNew();
        const long steps = 20_000_000;
        Chains(steps);
        return steps * 12 * 2 * Vector256<float>.Count / watch.Elapsed.TotalSeconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains(long steps)
    {
        var x = Vector256.Create(0.999f);
        var y = Vector256.Create(0.001f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        Vector256<float> a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < steps; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y); a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
