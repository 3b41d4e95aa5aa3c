using System;
using System.Numerics;

namespace Teleport.Kernels;

/// <summary>
/// The three bilinear maps of a 2-D convolution on a batch of n samples (NCHW, row-major; PyTorch <c>nn.Conv2d</c>
/// semantics), in float and double: <see cref="Forward{T}"/> Y = X ⋆ W, and its adjoints
/// <see cref="InputAdjoint{T}"/> δX = δY ⋆ᵀ W and <see cref="WeightAdjoint{T}"/> δW = Σ_s δY_s ⋆ᵀ X_s, defined by
/// ⟨δY, X ⋆ W⟩ = ⟨δY ⋆ᵀ W, X⟩ = ⟨Σ_s δY_s ⋆ᵀ X_s, W⟩. With <c>accumulate</c> the result is added to the
/// destination, otherwise the destination is overwritten.
/// </summary>
/// <remarks>
/// <para>
/// Per sample, through the im2col matrix cols [C·k², H′·W′] (<see cref="Im2Col"/>) and the register-tiled
/// <see cref="MatrixMultiply"/>: Y_s = W·cols_s (NN), δcols_s = Wᵀ·δY_s (TN) scattered back by col2im, and
/// δW += δY_s·cols_sᵀ (NT). A 1×1 kernel with stride 1 and no padding uses the image itself as cols.
/// </para>
/// <para>
/// The im2col matrix lives in a per-thread buffer grown once, so the kernels allocate nothing after the first call
/// at a given shape. Results are deterministic (a fixed order of samples and of products). The destination must not
/// overlap the operands.
/// </para>
/// </remarks>
public static class Convolution2d
{
    /// <summary>output [n, C′·H′·W′] (+)= input [n, C·H·W] ⋆ weight [C′, C·k²].</summary>
    public static void Forward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weight, Span<T> output, int n, in ConvolutionShape shape, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckOperands(shape, n, input, Operand.Input, nameof(input), weight, Operand.Weight, nameof(weight), output, Operand.Output, nameof(output));
        int positions = shape.OutputPositions, patch = shape.Patch;
        Span<T> cols = shape.IsPointwise ? default : ConvolutionBuffer<T>.Rent(patch * positions);
        for (int s = 0; s < n; s++)
        {
            ReadOnlySpan<T> b = Columns(input.Slice(s * shape.InputSize, shape.InputSize), cols, shape);

            // Y_s [C′, H′W′] = W [C′, Ck²] · cols_s [Ck², H′W′]
            MatrixMultiply.Multiply(weight, b, output.Slice(s * shape.OutputSize, shape.OutputSize),
                shape.OutChannels, patch, positions, accumulate, transposeA: false, transposeB: false);
        }
    }

    /// <summary>inputAdjoint [n, C·H·W] (+)= outputAdjoint [n, C′·H′·W′] ⋆ᵀ weight [C′, C·k²] (the transposed convolution).</summary>
    public static void InputAdjoint<T>(ReadOnlySpan<T> outputAdjoint, ReadOnlySpan<T> weight, Span<T> inputAdjoint, int n, in ConvolutionShape shape, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckOperands(shape, n, outputAdjoint, Operand.Output, nameof(outputAdjoint), weight, Operand.Weight, nameof(weight), inputAdjoint, Operand.Input, nameof(inputAdjoint));
        int positions = shape.OutputPositions, patch = shape.Patch;
        Span<T> cols = shape.IsPointwise ? default : ConvolutionBuffer<T>.Rent(patch * positions);
        for (int s = 0; s < n; s++)
        {
            ReadOnlySpan<T> g = outputAdjoint.Slice(s * shape.OutputSize, shape.OutputSize);
            Span<T> target = inputAdjoint.Slice(s * shape.InputSize, shape.InputSize);
            if (shape.IsPointwise)
            {
                // δX_s [C, HW] (+)= Wᵀ · δY_s
                MatrixMultiply.Multiply(weight, g, target, patch, shape.OutChannels, positions, accumulate, transposeA: true, transposeB: false);
                continue;
            }

            // δcols_s [Ck², H′W′] = Wᵀ · δY_s, then δX_s (+)= col2im(δcols_s)
            MatrixMultiply.Multiply(weight, g, cols, patch, shape.OutChannels, positions, accumulate: false, transposeA: true, transposeB: false);
            if (!accumulate) target.Clear();
            Im2Col.AddAdjoint<T>(cols, target, shape);
        }
    }

    /// <summary>weightAdjoint [C′, C·k²] (+)= Σ_s outputAdjoint_s [C′, H′W′] · im2col(input_s)ᵀ.</summary>
    public static void WeightAdjoint<T>(ReadOnlySpan<T> outputAdjoint, ReadOnlySpan<T> input, Span<T> weightAdjoint, int n, in ConvolutionShape shape, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckOperands(shape, n, outputAdjoint, Operand.Output, nameof(outputAdjoint), input, Operand.Input, nameof(input), weightAdjoint, Operand.Weight, nameof(weightAdjoint));
        int positions = shape.OutputPositions, patch = shape.Patch;
        if (n == 0)
        {
            if (!accumulate) weightAdjoint[..shape.WeightSize].Clear();
            return;
        }

        Span<T> cols = shape.IsPointwise ? default : ConvolutionBuffer<T>.Rent(patch * positions);
        for (int s = 0; s < n; s++)
        {
            ReadOnlySpan<T> b = Columns(input.Slice(s * shape.InputSize, shape.InputSize), cols, shape);

            // δW [C′, Ck²] += δY_s [C′, H′W′] · cols_sᵀ
            MatrixMultiply.Multiply(outputAdjoint.Slice(s * shape.OutputSize, shape.OutputSize), b, weightAdjoint,
                shape.OutChannels, positions, patch, accumulate || s > 0, transposeA: false, transposeB: true);
        }
    }

    /// <summary>The im2col matrix [C·k², H′·W′] of one image, gathered into <paramref name="cols"/>; a pointwise kernel uses the image itself.</summary>
    private static ReadOnlySpan<T> Columns<T>(ReadOnlySpan<T> image, Span<T> cols, in ConvolutionShape shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (shape.IsPointwise)
        {
            return image;
        }

        Im2Col.Gather(image, cols, shape);
        return cols;
    }

    /// <summary>The role of an operand, which fixes the values it must hold.</summary>
    private enum Operand
    {
        /// <summary>A batch of images, [n, C·H·W].</summary>
        Input,

        /// <summary>A batch of feature maps, [n, C′·H′·W′].</summary>
        Output,

        /// <summary>The kernel, [C′, C·k²].</summary>
        Weight,
    }

    /// <summary>
    /// Checks the shape, that the two operands and the destination each hold what their role needs (in that order),
    /// and that the destination overlaps neither operand.
    /// </summary>
    private static void CheckOperands<T>(in ConvolutionShape shape, int n,
        ReadOnlySpan<T> first, Operand firstRole, string firstName,
        ReadOnlySpan<T> second, Operand secondRole, string secondName,
        ReadOnlySpan<T> destination, Operand destinationRole, string destinationName)
    {
        if (shape.Kernel == 0) throw new ArgumentException("The convolution shape is empty (default); construct it with its sizes.", nameof(shape));
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The batch size must not be negative.");
        int firstLength = CheckLength(first.Length, firstRole, shape, n, firstName);
        int secondLength = CheckLength(second.Length, secondRole, shape, n, secondName);
        int destinationLength = CheckLength(destination.Length, destinationRole, shape, n, destinationName);
        ReadOnlySpan<T> written = destination[..destinationLength];
        if (written.Overlaps(first[..firstLength]) || written.Overlaps(second[..secondLength]))
            throw new ArgumentException("The destination must not overlap the operands.", destinationName);
    }

    /// <summary>The values an operand of <paramref name="role"/> must hold; throws naming it when it holds fewer.</summary>
    private static int CheckLength(int length, Operand role, in ConvolutionShape shape, int n, string name)
    {
        if (role == Operand.Weight)
        {
            if (length < shape.WeightSize)
                throw new ArgumentException($"'{name}' has {length} values but the weight has {shape.OutChannels}·{shape.Patch} = {shape.WeightSize}.", name);
            return shape.WeightSize;
        }

        int perSample = role == Operand.Input ? shape.InputSize : shape.OutputSize;
        if (length < (long)n * perSample)
            throw new ArgumentException($"'{name}' has {length} values but {n} samples of {perSample} are needed.", name);
        return n * perSample;
    }
}

/// <summary>The per-thread im2col buffer of <see cref="Convolution2d"/>: grown to the largest size asked for, then reused.</summary>
internal static class ConvolutionBuffer<T>
    where T : unmanaged
{
    [ThreadStatic]
    private static T[]? values;

    /// <summary>A span of <paramref name="length"/> values, valid until the next rent on this thread (contents unspecified).</summary>
    public static Span<T> Rent(int length)
    {
        T[]? buffer = values;
        if (buffer is null || buffer.Length < length)
        {
            values = buffer = GC.AllocateUninitializedArray<T>(length);
        }

        return buffer.AsSpan(0, length);
    }
}
