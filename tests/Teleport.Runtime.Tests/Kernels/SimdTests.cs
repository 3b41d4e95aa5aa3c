using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// The partial loads and stores behind edge tiles, at every width. On this machine's hardware the
/// masked instructions run where they exist (AVX masked loads; AVX-512 masked loads and stores on
/// AVX-512 machines), the portable spill path elsewhere.
/// </summary>
public unsafe class SimdTests
{
    private static void CheckPartial<T, TVec, TSimd>()
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        int lanes = TSimd.Count;
        var source = new T[2 * lanes];
        for (int i = 0; i < source.Length; i++) source[i] = i < lanes ? T.CreateChecked(i + 1) : T.NaN;
        var spill = new T[lanes];
        for (int count = 1; count < lanes; count++)
        {
            fixed (T* s = source)
            fixed (T* d = spill)
            {
                // Load: the first count lanes, zeros after (the NaNs past them are not read into the vector).
                TSimd.Store(TSimd.LoadPartial(s + lanes - count, count), d);
                for (int i = 0; i < lanes; i++)
                    Assert.Equal(i < count ? T.CreateChecked(lanes - count + i + 1) : T.Zero, spill[i]);

                // Store: exactly count elements.
                var target = new T[lanes + 1];
                target.AsSpan().Fill(T.CreateChecked(-1));
                fixed (T* t = target)
                {
                    TSimd.StorePartial(TSimd.Load(s), t, count);
                }
                for (int i = 0; i < target.Length; i++)
                    Assert.Equal(i < count ? T.CreateChecked(i + 1) : T.CreateChecked(-1), target[i]);
            }
        }
    }

    [Fact]
    public void PartialLoadsAndStoresTouchExactlyCountLanes()
    {
        CheckPartial<float, Vector128<float>, Simd128<float>>();
        CheckPartial<float, Vector256<float>, Simd256<float>>();
        CheckPartial<float, Vector512<float>, Simd512<float>>();
        CheckPartial<double, Vector128<double>, Simd128<double>>();
        CheckPartial<double, Vector256<double>, Simd256<double>>();
        CheckPartial<double, Vector512<double>, Simd512<double>>();
        CheckPartial<float, float, SimdScalar<float>>();
    }

    [Fact]
    public void MultiplyAddFusesWhereTheHardwareDoes()
    {
        // (1 + 2⁻²³)² − 1 = 2⁻²² + 2⁻⁴⁶: the product rounded to float loses the 2⁻⁴⁶ that a fused multiply-add keeps.
        float x = 1f + MathF.Pow(2, -23);
        float expected = SimdSupport.HasFusedMultiplyAdd ? MathF.FusedMultiplyAdd(x, x, -1f) : x * x - 1f;
        Assert.Equal(expected, Simd256<float>.MultiplyAdd(Vector256.Create(x), Vector256.Create(x), Vector256.Create(-1f))[3]);
        Assert.Equal(expected, Simd512<float>.MultiplyAdd(Vector512.Create(x), Vector512.Create(x), Vector512.Create(-1f))[11]);
        Assert.Equal(expected, Simd128<float>.MultiplyAdd(Vector128.Create(x), Vector128.Create(x), Vector128.Create(-1f))[1]);
        Assert.Equal(expected, SimdScalar<float>.MultiplyAdd(x, x, -1f));
    }
}
