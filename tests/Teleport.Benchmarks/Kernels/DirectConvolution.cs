using System;
using System.Numerics;

namespace Teleport.Benchmarks.Kernels;

/// <summary>
/// The alternative to im2col + GEMM that <see cref="QuickConvolution"/> measures: a direct convolution that walks
/// (sample, out channel, in channel, ky, kx, output row) and adds w·(shifted input row) to the output row, vectorised
/// along the row when the stride is 1 (the zero padding handled by clipping the row's column range). No extra memory.
/// </summary>
internal static class DirectConvolution
{
    /// <summary>output [n, C′H′W′] = input [n, CHW] ⋆ weight [C′, Ck²] (PyTorch nn.Conv2d, no bias).</summary>
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> weight, Span<float> output, int n, in Teleport.Kernels.ConvolutionShape shape)
    {
        int c = shape.InChannels, h = shape.Height, w = shape.Width, k = shape.Kernel, s = shape.Stride, p = shape.Padding;
        int oh = shape.OutHeight, ow = shape.OutWidth;
        output[..(n * shape.OutputSize)].Clear();
        for (int sample = 0; sample < n; sample++)
        {
            ReadOnlySpan<float> x = input.Slice(sample * shape.InputSize, shape.InputSize);
            Span<float> y = output.Slice(sample * shape.OutputSize, shape.OutputSize);
            for (int co = 0; co < shape.OutChannels; co++)
            {
                Span<float> plane = y.Slice(co * oh * ow, oh * ow);
                for (int ci = 0; ci < c; ci++)
                {
                    ReadOnlySpan<float> source = x.Slice(ci * h * w, h * w);
                    for (int ky = 0; ky < k; ky++)
                    {
                        for (int kx = 0; kx < k; kx++)
                        {
                            float wv = weight[((co * c + ci) * k + ky) * k + kx];
                            // output column ox reads input column ox·s + kx − p, valid for 0 ≤ that < w
                            int first = Math.Max(0, (p - kx + s - 1) / s);
                            int last = Math.Min(ow - 1, (w - 1 + p - kx) / s);
                            if (first > last) continue;
                            for (int oy = 0; oy < oh; oy++)
                            {
                                int iy = oy * s + ky - p;
                                if ((uint)iy >= (uint)h) continue;
                                Span<float> row = plane.Slice(oy * ow, ow);
                                ReadOnlySpan<float> inRow = source.Slice(iy * w, w);
                                if (s == 1) AddScaled(row[first..(last + 1)], inRow.Slice(first + kx - p, last - first + 1), wv);
                                else for (int ox = first; ox <= last; ox++) row[ox] += wv * inRow[ox * s + kx - p];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<float>.Count)
        {
            var v = new Vector<float>(scale);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var a = new Vector<float>(target.Slice(i));
                (a + v * new Vector<float>(source.Slice(i))).CopyTo(target.Slice(i));
            }
        }
        for (; i < target.Length; i++) target[i] += scale * source[i];
    }
}
