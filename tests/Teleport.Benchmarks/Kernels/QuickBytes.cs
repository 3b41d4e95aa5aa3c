using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Teleport.Data;
using Teleport.Kernels;

namespace Teleport.Benchmarks.Kernels;

/// <summary>
/// <c>-- quick-bytes [rounds]</c>: would a first layer that reads the batch's bytes itself beat converting the batch to
/// floats and running the float kernels? The paper network's two products that read the input, Z0 = X·W0ᵀ (20 × 784 ·
/// 784 × 16, the inner-product tile) and ∂L/∂W0 = δZ0ᵀ·X (16 × 20 · 20 × 784, the outer-product tile), each in two
/// copies of one kernel that differ only in how a vector of X is read: loaded as floats, or widened from 8 bytes and
/// converted in registers at every use. The bytes are converted exactly as <see cref="Pixels.ToUnitFloats"/> does
/// (fma(b, r, b·r′), the only way to keep the float path's bits), and also left unscaled (the integer as a float, the
/// least any byte reader pays). Prints the median over rounds, in thread CPU time, of: the production path (ToUnitFloats,
/// then <see cref="MatrixMultiply"/>), the like-for-like float kernels with the conversion before them and without it
/// (what a cached batch costs), and the byte kernels.
/// </summary>
/// <remarks>AVX2 + FMA only (the machine this question was asked on); elsewhere it says so and stops.</remarks>
internal static unsafe class QuickBytes
{
    private const int Batch = 20, Inputs = 784, Hidden = 16;
    private const float Reciprocal = 1f / 255f;
    private const float ReciprocalRemainder = (float)(1.0 / 255.0 - (double)Reciprocal);

    public static void Run(int rounds)
    {
        if (!Avx2.IsSupported || !Fma.IsSupported)
        {
            Console.WriteLine("quick-bytes needs AVX2 and FMA.");
            return;
        }
        MatrixMultiply.MaxThreads = 1;
        var random = new Random(1);
        var bytes = new byte[Batch * Inputs];
        random.NextBytes(bytes);
        var features = new AlignedArray<float>(Batch * Inputs);
        var weights = new AlignedArray<float>(Hidden * Inputs);
        var delta = new AlignedArray<float>(Batch * Hidden);
        var z = new AlignedArray<float>(Batch * Hidden);
        var gradient = new AlignedArray<float>(Hidden * Inputs);
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)random.NextDouble() - 0.5f;
        for (int i = 0; i < delta.Length; i++) delta[i] = (float)random.NextDouble() - 0.5f;

        fixed (byte* xb = bytes)
        fixed (float* xf = features.Span, w = weights.Span, d = delta.Span, zp = z.Span, g = gradient.Span)
        {
            var p = new Operands(xb, xf, w, d, zp, g);
            Pixels.ToUnitFloats(bytes, features.Span);
            CheckSameBits(p);

            var cases = new (string Name, Action Step)[]
            {
                ("production: ToUnitFloats, then MatrixMultiply NT + TN", () =>
                {
                    Pixels.ToUnitFloats(bytes, features.Span);
                    MatrixMultiply.NT(features.Span, weights.Span, z.Span, Batch, Inputs, Hidden);
                    MatrixMultiply.TN(delta.Span, features.Span, gradient.Span, Hidden, Batch, Inputs);
                }),
                ("the kernels below on floats, converted first", () =>
                {
                    Pixels.ToUnitFloats(bytes, features.Span);
                    Forward<FloatRows>(p);
                    Backward<FloatRows>(p);
                }),
                ("the same kernels on floats converted once (a cached batch)", () => { Forward<FloatRows>(p); Backward<FloatRows>(p); }),
                ("the same kernels reading bytes, exact b/255 in registers", () => { Forward<ExactBytes>(p); Backward<ExactBytes>(p); }),
                ("the same kernels reading bytes, unscaled (a lower bound)", () => { Forward<RawBytes>(p); Backward<RawBytes>(p); }),
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"the paper network's input products (X·W0ᵀ and δZ0ᵀ·X, batch {Batch}) from a batch of bytes, {rounds} interleaved rounds, µs per pass in thread CPU time (ThreadCpuClock: {ThreadCpuClock.IsAvailable})"));
            var times = new List<double>[cases.Length];
            for (int c = 0; c < cases.Length; c++) times[c] = [];
            foreach (var (_, step) in cases) Time(step, 2000);
            for (int r = 0; r < rounds; r++)
            {
                for (int c = 0; c < cases.Length; c++) times[c].Add(Time(cases[c].Step, 20_000));
            }
            for (int c = 0; c < cases.Length; c++)
            {
                times[c].Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {cases[c].Name,-58} {times[c][times[c].Count / 2],7:F2} µs [{times[c][0]:F2} … {times[c][^1]:F2}]"));
            }
        }
    }

    private static double Time(Action step, int reps)
    {
        var start = ThreadCpuClock.Seconds();
        for (int i = 0; i < reps; i++) step();
        return (ThreadCpuClock.Seconds() - start) * 1e6 / reps;
    }

    /// <summary>The byte kernels with the exact conversion must give the float kernels' bits, or the comparison is moot.</summary>
    private static void CheckSameBits(Operands p)
    {
        Forward<FloatRows>(p);
        Backward<FloatRows>(p);
        var z = new ReadOnlySpan<float>(p.Z, Batch * Hidden).ToArray();
        var g = new ReadOnlySpan<float>(p.Gradient, Hidden * Inputs).ToArray();
        Forward<ExactBytes>(p);
        Backward<ExactBytes>(p);
        if (!z.AsSpan().SequenceEqual(new ReadOnlySpan<float>(p.Z, z.Length)) || !g.AsSpan().SequenceEqual(new ReadOnlySpan<float>(p.Gradient, g.Length)))
            throw new InvalidOperationException("the byte kernels do not reproduce the float kernels' bits");
    }

    private readonly struct Operands(byte* bytes, float* features, float* weights, float* delta, float* z, float* gradient)
    {
        public readonly byte* Bytes = bytes;
        public readonly float* Features = features, Weights = weights, Delta = delta, Z = z, Gradient = gradient;
    }

    /// <summary>How a kernel reads 8 consecutive inputs of one sample.</summary>
    private interface IRowReader
    {
        static abstract Vector256<float> Read(Operands p, nint offset);
    }

    private struct FloatRows : IRowReader
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Read(Operands p, nint offset) => Avx.LoadVector256(p.Features + offset);
    }

    private struct ExactBytes : IRowReader
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Read(Operands p, nint offset)
        {
            var b = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(p.Bytes + offset));
            return Fma.MultiplyAdd(b, Vector256.Create(Reciprocal), b * Vector256.Create(ReciprocalRemainder));
        }
    }

    private struct RawBytes : IRowReader
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Read(Operands p, nint offset) => Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(p.Bytes + offset));
    }

    /// <summary>Z0 = X·W0ᵀ by inner products, five rows of X × two rows of W0 per tile (the runtime's dot tile).</summary>
    private static void Forward<TRead>(Operands p) where TRead : IRowReader
    {
        for (int i = 0; i < Batch; i += 5)
        {
            for (int j = 0; j < Hidden; j += 2)
            {
                Vector256<float> s00 = default, s01 = default, s10 = default, s11 = default, s20 = default;
                Vector256<float> s21 = default, s30 = default, s31 = default, s40 = default, s41 = default;
                float* w0 = p.Weights + j * Inputs, w1 = w0 + Inputs;
                nint row = i * Inputs;
                for (nint k = 0; k < Inputs; k += 8)
                {
                    var y0 = Avx.LoadVector256(w0 + k);
                    var y1 = Avx.LoadVector256(w1 + k);
                    var x = TRead.Read(p, row + k);
                    s00 = Fma.MultiplyAdd(x, y0, s00); s01 = Fma.MultiplyAdd(x, y1, s01);
                    x = TRead.Read(p, row + Inputs + k);
                    s10 = Fma.MultiplyAdd(x, y0, s10); s11 = Fma.MultiplyAdd(x, y1, s11);
                    x = TRead.Read(p, row + 2 * Inputs + k);
                    s20 = Fma.MultiplyAdd(x, y0, s20); s21 = Fma.MultiplyAdd(x, y1, s21);
                    x = TRead.Read(p, row + 3 * Inputs + k);
                    s30 = Fma.MultiplyAdd(x, y0, s30); s31 = Fma.MultiplyAdd(x, y1, s31);
                    x = TRead.Read(p, row + 4 * Inputs + k);
                    s40 = Fma.MultiplyAdd(x, y0, s40); s41 = Fma.MultiplyAdd(x, y1, s41);
                }
                float* c = p.Z + i * Hidden + j;
                c[0] = Vector256.Sum(s00); c[1] = Vector256.Sum(s01);
                c[Hidden] = Vector256.Sum(s10); c[Hidden + 1] = Vector256.Sum(s11);
                c[2 * Hidden] = Vector256.Sum(s20); c[2 * Hidden + 1] = Vector256.Sum(s21);
                c[3 * Hidden] = Vector256.Sum(s30); c[3 * Hidden + 1] = Vector256.Sum(s31);
                c[4 * Hidden] = Vector256.Sum(s40); c[4 * Hidden + 1] = Vector256.Sum(s41);
            }
        }
    }

    /// <summary>∂L/∂W0 = δZ0ᵀ·X by outer products, tiles of six rows × 16 columns (the runtime's AVX2 register tile).</summary>
    private static void Backward<TRead>(Operands p) where TRead : IRowReader
    {
        for (int i = 0; i < Hidden; i += 6)
        {
            int rows = Math.Min(6, Hidden - i);
            for (int j = 0; j < Inputs; j += 16)
            {
                Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
                Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
                for (int s = 0; s < Batch; s++)
                {
                    var b0 = TRead.Read(p, s * Inputs + j);
                    var b1 = TRead.Read(p, s * Inputs + j + 8);
                    float* a = p.Delta + s * Hidden + i;
                    var av = Vector256.Create(a[0]); c00 = Fma.MultiplyAdd(av, b0, c00); c01 = Fma.MultiplyAdd(av, b1, c01);
                    av = Vector256.Create(a[1]); c10 = Fma.MultiplyAdd(av, b0, c10); c11 = Fma.MultiplyAdd(av, b1, c11);
                    av = Vector256.Create(a[2]); c20 = Fma.MultiplyAdd(av, b0, c20); c21 = Fma.MultiplyAdd(av, b1, c21);
                    av = Vector256.Create(a[3]); c30 = Fma.MultiplyAdd(av, b0, c30); c31 = Fma.MultiplyAdd(av, b1, c31);
                    if (rows > 4)
                    {
                        av = Vector256.Create(a[4]); c40 = Fma.MultiplyAdd(av, b0, c40); c41 = Fma.MultiplyAdd(av, b1, c41);
                        av = Vector256.Create(a[5]); c50 = Fma.MultiplyAdd(av, b0, c50); c51 = Fma.MultiplyAdd(av, b1, c51);
                    }
                }
                float* c = p.Gradient + i * Inputs + j;
                c00.Store(c); c01.Store(c + 8); c10.Store(c + Inputs); c11.Store(c + Inputs + 8);
                c20.Store(c + 2 * Inputs); c21.Store(c + 2 * Inputs + 8); c30.Store(c + 3 * Inputs); c31.Store(c + 3 * Inputs + 8);
                if (rows > 4)
                {
                    c40.Store(c + 4 * Inputs); c41.Store(c + 4 * Inputs + 8); c50.Store(c + 5 * Inputs); c51.Store(c + 5 * Inputs + 8);
                }
            }
        }
    }
}
