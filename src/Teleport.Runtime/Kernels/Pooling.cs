using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// Pooling over non-overlapping k×k windows on a batch of n images [C, H, W] (NCHW, row-major), float and double:
/// max pooling as a gather at each window's argmax of a selector (<see cref="MaxGather{T}"/>; Y = MaxGather(X, X) is
/// nn.MaxPool2d) and its adjoint <see cref="MaxScatter{T}"/>; average pooling (<see cref="Average{T}"/>, nn.AvgPool2d)
/// and its adjoint <see cref="AverageAdjoint{T}"/>. Deterministic, allocation-free.
/// </summary>
/// <remarks>
/// The argmax is the first maximum of the window in row-major order, and NaN wins, as in PyTorch's CPU kernel; it is
/// recomputed from the selector wherever it is needed, so no index tensor is kept between the forward and backward passes.
/// </remarks>
public static partial class Pooling
{
    /// <summary>result [n, C·H′W′] = values at the argmax of selector (both [n, C·HW]) in each window.</summary>
    public static void MaxGather<T>(ReadOnlySpan<T> values, ReadOnlySpan<T> selector, Span<T> result, int n, in PoolShape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(shape, n);
        CheckLength(values.Length, (long)n * shape.InputSize, nameof(values));
        CheckLength(selector.Length, (long)n * shape.InputSize, nameof(selector));
        CheckLength(result.Length, (long)n * shape.OutputSize, nameof(result));
        CheckNoOverlap(result[..(n * shape.OutputSize)], values, selector);
        int k = shape.Kernel, w = shape.Width, outW = shape.OutWidth, outH = shape.OutHeight;
        int planes = n * shape.Channels, plane = shape.Height * w, outPlane = outH * outW;
        bool same = Unsafe.AreSame(ref Unsafe.AsRef(in values.GetPinnableReference()), ref Unsafe.AsRef(in selector.GetPinnableReference()));
        for (int q = 0; q < planes; q++)
        {
            ReadOnlySpan<T> v = values.Slice(q * plane, plane), x = selector.Slice(q * plane, plane);
            Span<T> y = result.Slice(q * outPlane, outPlane);
            if (k == 2 && typeof(T) == typeof(float))
            {
                PairGatherFloat(MemoryMarshal.Cast<T, float>(v), MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), w, outH, outW);
                continue;
            }

            if (k == 2 && typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
            {
                PairGatherDouble(MemoryMarshal.Cast<T, double>(v), MemoryMarshal.Cast<T, double>(x), MemoryMarshal.Cast<T, double>(y), w, outH, outW);
                continue;
            }

            if (same && k == 2 && w <= 512)
            {
                MaxOfPairs(x, y, w, outH, outW);
                continue;
            }

            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    y[i * outW + j] = v[ArgMax(x, w, i * k, j * k, k)];
                }
            }
        }
    }

    /// <summary>result [n, C·HW] (+)= values [n, C·H′W′] placed at the argmax of selector [n, C·HW] in each window, 0 elsewhere.</summary>
    public static void MaxScatter<T>(ReadOnlySpan<T> values, ReadOnlySpan<T> selector, Span<T> result, int n, in PoolShape shape, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(shape, n);
        CheckLength(values.Length, (long)n * shape.OutputSize, nameof(values));
        CheckLength(selector.Length, (long)n * shape.InputSize, nameof(selector));
        CheckLength(result.Length, (long)n * shape.InputSize, nameof(result));
        CheckNoOverlap(result[..(n * shape.InputSize)], values, selector);
        int k = shape.Kernel, w = shape.Width, outW = shape.OutWidth, outH = shape.OutHeight;
        int planes = n * shape.Channels, plane = shape.Height * w, outPlane = outH * outW;
        // The 2×2 float path writes every cell of its windows; only cells outside every window need the clearing.
        bool pairs = k == 2 && typeof(T) == typeof(float);
        if (!accumulate && !(pairs && outH * k == shape.Height && outW * k == w)) result[..(planes * plane)].Clear();
        for (int q = 0; q < planes; q++)
        {
            ReadOnlySpan<T> v = values.Slice(q * outPlane, outPlane), x = selector.Slice(q * plane, plane);
            Span<T> y = result.Slice(q * plane, plane);
            if (pairs && typeof(T) == typeof(float))
            {
                PairScatterFloat(MemoryMarshal.Cast<T, float>(v), MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), w, outH, outW, accumulate);
                continue;
            }

            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    y[ArgMax(x, w, i * k, j * k, k)] += v[i * outW + j];
                }
            }
        }
    }

    /// <summary>result [n, C·H′W′] = the mean of values [n, C·HW] over each window.</summary>
    public static void Average<T>(ReadOnlySpan<T> values, Span<T> result, int n, in PoolShape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(shape, n);
        CheckLength(values.Length, (long)n * shape.InputSize, nameof(values));
        CheckLength(result.Length, (long)n * shape.OutputSize, nameof(result));
        CheckNoOverlap(result[..(n * shape.OutputSize)], values, default);
        int k = shape.Kernel, w = shape.Width, outW = shape.OutWidth, outH = shape.OutHeight;
        int planes = n * shape.Channels, plane = shape.Height * w, outPlane = outH * outW;
        T scale = T.One / T.CreateTruncating(k * k);
        for (int q = 0; q < planes; q++)
        {
            ReadOnlySpan<T> x = values.Slice(q * plane, plane);
            Span<T> y = result.Slice(q * outPlane, outPlane);
            for (int i = 0; i < outH; i++)
            {
                Span<T> row = y.Slice(i * outW, outW);
                // Sum the k input rows of this output row, then each window's k adjacent columns.
                for (int j = 0; j < outW; j++)
                {
                    T sum = T.Zero;
                    for (int a = 0; a < k; a++)
                    {
                        ReadOnlySpan<T> input = x.Slice((i * k + a) * w + j * k, k);
                        for (int b = 0; b < k; b++) sum += input[b];
                    }

                    row[j] = sum * scale;
                }
            }
        }
    }

    /// <summary>result [n, C·HW] (+)= values [n, C·H′W′]/k² spread over each window: the adjoint of <see cref="Average{T}"/>.</summary>
    public static void AverageAdjoint<T>(ReadOnlySpan<T> values, Span<T> result, int n, in PoolShape shape, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(shape, n);
        CheckLength(values.Length, (long)n * shape.OutputSize, nameof(values));
        CheckLength(result.Length, (long)n * shape.InputSize, nameof(result));
        CheckNoOverlap(result[..(n * shape.InputSize)], values, default);
        int k = shape.Kernel, w = shape.Width, outW = shape.OutWidth, outH = shape.OutHeight;
        int planes = n * shape.Channels, plane = shape.Height * w, outPlane = outH * outW;
        T scale = T.One / T.CreateTruncating(k * k);
        for (int q = 0; q < planes; q++)
        {
            ReadOnlySpan<T> v = values.Slice(q * outPlane, outPlane);
            Span<T> y = result.Slice(q * plane, plane);
            for (int i = 0; i < outH; i++)
            {
                for (int a = 0; a < k; a++)
                {
                    Span<T> row = y.Slice((i * k + a) * w, w);
                    for (int j = 0; j < outW; j++)
                    {
                        T share = v[i * outW + j] * scale;
                        Span<T> window = row.Slice(j * k, k);
                        for (int b = 0; b < k; b++) window[b] = accumulate ? window[b] + share : share;
                    }
                }
            }
        }
    }

    /// <summary>The index in the plane of the first maximum (NaN wins) of the k×k window at (row, column).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ArgMax<T>(ReadOnlySpan<T> plane, int width, int row, int column, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = row * width + column;
        T max = plane[best];
        if (T.IsNaN(max)) return best;
        for (int a = 0; a < k; a++)
        {
            int start = (row + a) * width + column;
            for (int b = 0; b < k; b++)
            {
                T value = plane[start + b];
                if (value > max || T.IsNaN(value))
                {
                    if (T.IsNaN(value)) return start + b;
                    max = value;
                    best = start + b;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// 2×2 max pooling of one plane: the elementwise maximum of each pair of rows (vectorised), then of each pair of
    /// adjacent columns. The value equals the first maximum's (NaN propagates either way); only the sign of a zero
    /// maximum may differ, which no derivative sees (a gather with another selector goes through <see cref="ArgMax{T}"/>).
    /// </summary>
    private static void MaxOfPairs<T>(ReadOnlySpan<T> x, Span<T> y, int width, int outH, int outW)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> pair = stackalloc T[width];
        for (int i = 0; i < outH; i++)
        {
            TensorPrimitives.Max(x.Slice(2 * i * width, width), x.Slice((2 * i + 1) * width, width), pair);
            Span<T> row = y.Slice(i * outW, outW);
            for (int j = 0; j < outW; j++)
            {
                T a = pair[2 * j], b = pair[2 * j + 1];
                row[j] = T.IsNaN(a) || !(b > a) && !T.IsNaN(b) ? a : b;
            }
        }
    }

    private static void CheckShape(in PoolShape shape, int n)
    {
        if (shape.Kernel == 0) throw new ArgumentException("The pooling shape is empty (default); construct it with its sizes.", nameof(shape));
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The batch size must not be negative.");
    }

    private static void CheckLength(int length, long needed, string name)
    {
        if (length < needed) throw new ArgumentException($"'{name}' has {length} values but {needed} are needed.", name);
    }

    private static void CheckNoOverlap<T>(ReadOnlySpan<T> result, ReadOnlySpan<T> first, ReadOnlySpan<T> second)
    {
        if (result.Overlaps(first) || result.Overlaps(second))
            throw new ArgumentException("The result must not overlap the values or the selector.", nameof(result));
    }
}
