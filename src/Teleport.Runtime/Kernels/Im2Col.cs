using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.Kernels;

/// <summary>
/// The im2col matrix of one sample and its adjoint. For an image X [C, H, W] and a convolution of
/// <see cref="ConvolutionShape"/>, row (c, a, b) = (c·k + a)·k + b of the matrix [C·k², H′·W′] holds, at column
/// (i, j) = i·W′ + j, the input X[c, i·s − p + a, j·s − p + b] (0 outside the image: the zero padding). Then
/// Y = W·cols is the convolution and cols's adjoint, <see cref="AddAdjoint{T}"/>, scatters back (col2im).
/// </summary>
/// <remarks>Stride-1 rows are one contiguous copy (or vector add) per output row with zeroed edges.</remarks>
internal static class Im2Col
{
    /// <summary>cols [C·k², H′·W′] = im2col(image [C, H, W]).</summary>
    public static void Gather<T>(ReadOnlySpan<T> image, Span<T> cols, in ConvolutionShape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = shape.Kernel, s = shape.Stride, p = shape.Padding, h = shape.Height, w = shape.Width;
        int outH = shape.OutHeight, outW = shape.OutWidth, positions = outH * outW;
        for (int c = 0; c < shape.InChannels; c++)
        {
            ReadOnlySpan<T> plane = image.Slice(c * h * w, h * w);
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    Span<T> row = cols.Slice(((c * k + a) * k + b) * positions, positions);
                    // Valid output columns j: 0 ≤ j·s − p + b < w.
                    int first = ValidStart(p - b, s), last = ValidEnd(w + p - b, s, outW);
                    for (int i = 0; i < outH; i++)
                    {
                        Span<T> target = row.Slice(i * outW, outW);
                        int y = i * s - p + a;
                        if (y < 0 || y >= h || first >= last)
                        {
                            target.Clear();
                            continue;
                        }

                        ReadOnlySpan<T> source = plane.Slice(y * w, w);
                        target[..first].Clear();
                        target[last..].Clear();
                        if (s == 1)
                        {
                            source.Slice(first - p + b, last - first).CopyTo(target[first..last]);
                        }
                        else
                        {
                            for (int j = first, x = first * s - p + b; j < last; j++, x += s) target[j] = source[x];
                        }
                    }
                }
            }
        }
    }

    /// <summary>image [C, H, W] += col2im(cols [C·k², H′·W′]): the adjoint of <see cref="Gather{T}"/>.</summary>
    public static void AddAdjoint<T>(ReadOnlySpan<T> cols, Span<T> image, in ConvolutionShape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = shape.Kernel, s = shape.Stride, p = shape.Padding, h = shape.Height, w = shape.Width;
        int outH = shape.OutHeight, outW = shape.OutWidth, positions = outH * outW;
        for (int c = 0; c < shape.InChannels; c++)
        {
            Span<T> plane = image.Slice(c * h * w, h * w);
            for (int a = 0; a < k; a++)
            {
                for (int b = 0; b < k; b++)
                {
                    ReadOnlySpan<T> row = cols.Slice(((c * k + a) * k + b) * positions, positions);
                    int first = ValidStart(p - b, s), last = ValidEnd(w + p - b, s, outW);
                    if (first >= last) continue;
                    for (int i = 0; i < outH; i++)
                    {
                        int y = i * s - p + a;
                        if (y < 0 || y >= h) continue;
                        ReadOnlySpan<T> source = row.Slice(i * outW + first, last - first);
                        Span<T> target = plane.Slice(y * w, w);
                        if (s == 1)
                        {
                            Span<T> segment = target.Slice(first - p + b, last - first);
                            TensorPrimitives.Add(segment, source, segment);
                        }
                        else
                        {
                            for (int j = 0, x = first * s - p + b; j < source.Length; j++, x += s) target[x] += source[j];
                        }
                    }
                }
            }
        }
    }

    /// <summary>The first j ≥ 0 with j·s ≥ <paramref name="offset"/> (offset = p − b): ⌈offset/s⌉.</summary>
    private static int ValidStart(int offset, int s) => offset <= 0 ? 0 : CeilingDivide(offset, s);

    /// <summary>One past the last j &lt; outW with j·s &lt; <paramref name="limit"/> (limit = w + p − b): min(outW, ⌈limit/s⌉).</summary>
    private static int ValidEnd(int limit, int s, int outW) => limit <= 0 ? 0 : Math.Min(outW, CeilingDivide(limit, s));

    /// <summary>⌈n/s⌉ for n, s &gt; 0 as (n − 1)/s + 1: (n + s − 1)/s wraps past int.MaxValue for a stride near it.</summary>
    private static int CeilingDivide(int n, int s) => (n - 1) / s + 1;
}
