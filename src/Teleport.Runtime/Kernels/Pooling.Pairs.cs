using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// 2×2 max pooling in float (gather and scatter, two windows per 128-bit vector) and double (gather, two windows per
/// 256-bit vector) and no branch on the data (random activations made the
/// scalar window loop mispredict about once per window: 16–20 ns per window, more than the convolutions around it;
/// measured with <c>-- quick-cnn</c> in tests/Teleport.Benchmarks).
/// </summary>
/// <remarks>
/// Four adjacent columns of a row pair are two windows (a b | c d per window, top row then bottom row). Per column the
/// bottom value wins only if strictly greater (cb); per window the right column wins if strictly greater, or on a tie
/// when the left column's winner is in the bottom row and the right column's in the top (b precedes c in row-major
/// order) — the first maximum, as the generic window loop and PyTorch choose. A pair of windows holding a NaN
/// goes through <see cref="Pooling.ArgMax{T}"/> (NaN wins there).
/// </remarks>
public static partial class Pooling
{
    /// <summary>Per lane of two windows: all ones where the lane's cell is its window's argmax (given the column winners).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> PairSelection(Vector128<float> top, Vector128<float> bottom, out Vector128<float> fromBottom, out Vector128<float> takeRight)
    {
        fromBottom = Vector128.GreaterThan(bottom, top);
        Vector128<float> column = Vector128.ConditionalSelect(fromBottom, bottom, top);
        Vector128<float> left = Vector128.Shuffle(column, Vector128.Create(0, 0, 2, 2));
        Vector128<float> right = Vector128.Shuffle(column, Vector128.Create(1, 1, 3, 3));
        Vector128<float> leftBottom = Vector128.Shuffle(fromBottom, Vector128.Create(0, 0, 2, 2));
        Vector128<float> rightBottom = Vector128.Shuffle(fromBottom, Vector128.Create(1, 1, 3, 3));
        takeRight = Vector128.GreaterThan(right, left) | (Vector128.Equals(right, left) & Vector128.AndNot(leftBottom, rightBottom));
        Vector128<float> oddLanes = Vector128.Create(0, -1, 0, -1).AsSingle();
        return ~(takeRight ^ oddLanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AnyNaN(Vector128<float> top, Vector128<float> bottom) =>
        (~Vector128.Equals(top, top) | ~Vector128.Equals(bottom, bottom)) != Vector128<float>.Zero;

    /// <summary>y [H′W′] = v at the argmax of x [H, W] in each 2×2 window (one float plane).</summary>
    private static void PairGatherFloat(ReadOnlySpan<float> v, ReadOnlySpan<float> x, Span<float> y, int width, int outH, int outW)
    {
        ref float vs = ref MemoryMarshal.GetReference(v);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        for (int i = 0; i < outH; i++)
        {
            nuint topRow = (nuint)(2 * i * width), bottomRow = topRow + (nuint)width;
            int j = 0;
            for (; j + 2 <= outW; j += 2)
            {
                nuint column = (nuint)(2 * j);
                Vector128<float> top = Vector128.LoadUnsafe(ref xs, topRow + column), bottom = Vector128.LoadUnsafe(ref xs, bottomRow + column);
                if (AnyNaN(top, bottom)) break;
                PairSelection(top, bottom, out Vector128<float> fromBottom, out Vector128<float> takeRight);
                Vector128<float> values = Vector128.ConditionalSelect(fromBottom, Vector128.LoadUnsafe(ref vs, bottomRow + column), Vector128.LoadUnsafe(ref vs, topRow + column));
                Vector128<float> chosen = Vector128.ConditionalSelect(
                    Vector128.Shuffle(takeRight, Vector128.Create(0, 2, 0, 2)),
                    Vector128.Shuffle(values, Vector128.Create(1, 3, 1, 3)),
                    Vector128.Shuffle(values, Vector128.Create(0, 2, 0, 2)));
                Unsafe.Add(ref ys, i * outW + j) = chosen.GetElement(0);
                Unsafe.Add(ref ys, i * outW + j + 1) = chosen.GetElement(1);
            }

            for (; j < outW; j++)
            {
                Unsafe.Add(ref ys, i * outW + j) = Unsafe.Add(ref vs, ArgMax(x, width, 2 * i, 2 * j, 2));
            }
        }
    }

    /// <summary>y [H, W] (+)= v [H′W′] at the argmax of x in each 2×2 window, +0 elsewhere in the window (one float plane).</summary>
    private static void PairScatterFloat(ReadOnlySpan<float> v, ReadOnlySpan<float> x, Span<float> y, int width, int outH, int outW, bool accumulate)
    {
        ref float vs = ref MemoryMarshal.GetReference(v);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        for (int i = 0; i < outH; i++)
        {
            nuint topRow = (nuint)(2 * i * width), bottomRow = topRow + (nuint)width;
            int j = 0;
            for (; j + 2 <= outW; j += 2)
            {
                nuint column = (nuint)(2 * j);
                Vector128<float> top = Vector128.LoadUnsafe(ref xs, topRow + column), bottom = Vector128.LoadUnsafe(ref xs, bottomRow + column);
                if (AnyNaN(top, bottom)) break;
                Vector128<float> selected = PairSelection(top, bottom, out Vector128<float> fromBottom, out _);
                float first = Unsafe.Add(ref vs, i * outW + j), second = Unsafe.Add(ref vs, i * outW + j + 1);
                Vector128<float> spread = Vector128.Create(first, first, second, second);
                Vector128<float> upper = Vector128.AndNot(selected, fromBottom) & spread, lower = selected & fromBottom & spread;
                if (accumulate)
                {
                    upper += Vector128.LoadUnsafe(ref ys, topRow + column);
                    lower += Vector128.LoadUnsafe(ref ys, bottomRow + column);
                }

                upper.StoreUnsafe(ref ys, topRow + column);
                lower.StoreUnsafe(ref ys, bottomRow + column);
            }

            for (; j < outW; j++)
            {
                int corner = 2 * i * width + 2 * j;
                if (!accumulate)
                {
                    Unsafe.Add(ref ys, corner) = 0;
                    Unsafe.Add(ref ys, corner + 1) = 0;
                    Unsafe.Add(ref ys, corner + width) = 0;
                    Unsafe.Add(ref ys, corner + width + 1) = 0;
                }

                Unsafe.Add(ref ys, ArgMax(x, width, 2 * i, 2 * j, 2)) += Unsafe.Add(ref vs, i * outW + j);
            }
        }
    }

    // The gather in double: the double twin's forward pass, which the drift guard runs twice per teleport.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PairTakeRight(Vector256<double> top, Vector256<double> bottom, out Vector256<double> fromBottom)
    {
        fromBottom = Vector256.GreaterThan(bottom, top);
        Vector256<double> column = Vector256.ConditionalSelect(fromBottom, bottom, top);
        Vector256<double> left = Vector256.Shuffle(column, Vector256.Create(0L, 0, 2, 2));
        Vector256<double> right = Vector256.Shuffle(column, Vector256.Create(1L, 1, 3, 3));
        Vector256<double> leftBottom = Vector256.Shuffle(fromBottom, Vector256.Create(0L, 0, 2, 2));
        Vector256<double> rightBottom = Vector256.Shuffle(fromBottom, Vector256.Create(1L, 1, 3, 3));
        return Vector256.GreaterThan(right, left) | (Vector256.Equals(right, left) & Vector256.AndNot(leftBottom, rightBottom));
    }

    /// <summary>y [H′W′] = v at the argmax of x [H, W] in each 2×2 window (one double plane).</summary>
    private static void PairGatherDouble(ReadOnlySpan<double> v, ReadOnlySpan<double> x, Span<double> y, int width, int outH, int outW)
    {
        ref double vs = ref MemoryMarshal.GetReference(v);
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double ys = ref MemoryMarshal.GetReference(y);
        for (int i = 0; i < outH; i++)
        {
            nuint topRow = (nuint)(2 * i * width), bottomRow = topRow + (nuint)width;
            int j = 0;
            for (; j + 2 <= outW; j += 2)
            {
                nuint column = (nuint)(2 * j);
                Vector256<double> top = Vector256.LoadUnsafe(ref xs, topRow + column), bottom = Vector256.LoadUnsafe(ref xs, bottomRow + column);
                if ((~Vector256.Equals(top, top) | ~Vector256.Equals(bottom, bottom)) != Vector256<double>.Zero) break;
                Vector256<double> takeRight = PairTakeRight(top, bottom, out Vector256<double> fromBottom);
                Vector256<double> values = Vector256.ConditionalSelect(fromBottom, Vector256.LoadUnsafe(ref vs, bottomRow + column), Vector256.LoadUnsafe(ref vs, topRow + column));
                // lanes 0, 1 hold the first window's column winners, 2, 3 the second's
                Vector256<double> chosen = Vector256.ConditionalSelect(takeRight,
                    Vector256.Shuffle(values, Vector256.Create(1L, 1, 3, 3)), Vector256.Shuffle(values, Vector256.Create(0L, 0, 2, 2)));
                Unsafe.Add(ref ys, i * outW + j) = chosen.GetElement(0);
                Unsafe.Add(ref ys, i * outW + j + 1) = chosen.GetElement(2);
            }

            for (; j < outW; j++)
            {
                Unsafe.Add(ref ys, i * outW + j) = Unsafe.Add(ref vs, ArgMax(x, width, 2 * i, 2 * j, 2));
            }
        }
    }
}
