using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="Im2Col.Gather{T}"/> against its definition, cols[(c·k + a)·k + b, i·W′ + j] = x[c, i·s − p + a, j·s − p + b]
/// (0 outside), for output rows shorter than a register, exactly one, and longer with a partial last one, at strides 1 and 2.
/// </summary>
public sealed class Im2ColTests
{
    public static TheoryData<int, int, int, int, int> Shapes() => new()
    {
        // channels, height, width, kernel, padding (stride 1, the register path), then stride 2 below
        { 1, 5, 5, 3, 0 },
        { 2, 6, 8, 1, 0 },
        { 1, 4, 9, 3, 1 },
        { 3, 7, 17, 3, 1 },
        { 2, 28, 28, 3, 1 },
        { 2, 14, 14, 5, 2 },
        { 1, 6, 33, 5, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GatherMatchesTheDefinition(int channels, int height, int width, int kernel, int padding)
    {
        Check<float>(new ConvolutionShape(channels, height, width, 2, kernel, 1, padding));
        Check<double>(new ConvolutionShape(channels, height, width, 2, kernel, 1, padding));
        Check<float>(new ConvolutionShape(channels, height + 2, width + 2, 2, kernel, 2, padding));
    }

    [Theory]
    [InlineData(4, 3, 0, int.MaxValue)]
    [InlineData(4, 3, 2, int.MaxValue)]
    [InlineData(5, 1, 1, int.MaxValue - 1)]
    [InlineData(9, 2, 3, 1 << 30)]
    public void StridesNearIntMaxValue(int side, int kernel, int padding, int stride)
    {
        // The first and last valid output columns were ⌈n/s⌉ = (n + s − 1)/s, which wrapped past int.MaxValue: a stride
        // beyond the padded input (one output position, as PyTorch allows) gathered zeros for every column.
        var g = new ConvolutionShape(2, side, side + 1, 2, kernel, stride, padding);
        Check<float>(g);
        Check<double>(g);
        CheckAdjoint(g);
    }

    /// <summary>⟨col2im(u), x⟩ = ⟨u, im2col(x)⟩ for random u and x: AddAdjoint is Gather's transpose.</summary>
    private static void CheckAdjoint(ConvolutionShape g)
    {
        var random = new Random(g.Stride);
        var image = new double[g.InChannels * g.Height * g.Width];
        var u = new double[g.InChannels * g.Kernel * g.Kernel * g.OutHeight * g.OutWidth];
        for (int i = 0; i < image.Length; i++) image[i] = random.NextDouble() - 0.5;
        for (int i = 0; i < u.Length; i++) u[i] = random.NextDouble() - 0.5;
        var cols = new double[u.Length];
        Im2Col.Gather<double>(image, cols, g);
        var back = new double[image.Length];
        Im2Col.AddAdjoint<double>(u, back, g);
        double left = 0, right = 0;
        for (int i = 0; i < image.Length; i++) left += back[i] * image[i];
        for (int i = 0; i < u.Length; i++) right += u[i] * cols[i];
        Assert.Equal(right, left, 12);
    }

    private static void Check<T>(ConvolutionShape g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(g.Width * 31 + g.Kernel);
        var image = new T[g.InChannels * g.Height * g.Width];
        for (int i = 0; i < image.Length; i++) image[i] = T.CreateTruncating(random.NextDouble() + 0.5);
        int positions = g.OutHeight * g.OutWidth;
        var cols = new T[g.InChannels * g.Kernel * g.Kernel * positions];
        cols.AsSpan().Fill(T.NaN); // every value must be written
        Im2Col.Gather<T>(image, cols, g);
        for (int c = 0; c < g.InChannels; c++)
            for (int a = 0; a < g.Kernel; a++)
                for (int b = 0; b < g.Kernel; b++)
                    for (int i = 0; i < g.OutHeight; i++)
                        for (int j = 0; j < g.OutWidth; j++)
                        {
                            int y = i * g.Stride - g.Padding + a, x = j * g.Stride - g.Padding + b;
                            T expected = y >= 0 && y < g.Height && x >= 0 && x < g.Width ? image[(c * g.Height + y) * g.Width + x] : T.Zero;
                            T actual = cols[((c * g.Kernel + a) * g.Kernel + b) * positions + i * g.OutWidth + j];
                            Assert.True(expected == actual, $"{typeof(T).Name} {g}: row ({c}, {a}, {b}) at ({i}, {j}): {actual} vs {expected}");
                        }
    }
}
