using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.Kernels;

/// <summary>
/// Mean squared error over all N elements (PyTorch <c>MSELoss</c>): L = (1/N) Σ (y − t)².
/// The sum is accumulated in double (float inputs widened) in a fixed order, then rounded once.
/// An empty input has loss NaN. Outputs may be the same memory as an input.
/// </summary>
public static unsafe class MeanSquaredError
{
    /// <summary>(1/N) Σ (outputs − targets)².</summary>
    public static T Forward<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(outputs.Length, targets.Length, nameof(targets));
        if (outputs.Length == 0) return T.NaN;
        double sum = Reductions.Reduce<T, SquaredDifferenceTerm>(outputs, targets);
        return T.CreateTruncating(sum / outputs.Length);
    }

    /// <summary>∂L/∂y = 2(y − t)/N.</summary>
    public static void Gradient<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> dOutputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(outputs.Length, targets.Length, nameof(targets));
        SameLength(outputs.Length, dOutputs.Length, nameof(dOutputs));
        if (outputs.Length == 0) return;
        T scale = T.CreateTruncating(2.0 / outputs.Length);
        TensorPrimitives.Subtract(outputs, targets, dOutputs);
        TensorPrimitives.Multiply(dOutputs, scale, dOutputs);
    }

    /// <summary>R{∂L/∂y} = 2·r/N (the loss Hessian 2I/N applied to r).</summary>
    public static void Tangent<T>(ReadOnlySpan<T> rOutputs, Span<T> rDOutputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameLength(rOutputs.Length, rDOutputs.Length, nameof(rDOutputs));
        if (rOutputs.Length == 0) return;
        TensorPrimitives.Multiply(rOutputs, T.CreateTruncating(2.0 / rOutputs.Length), rDOutputs);
    }

    private static void SameLength(int expected, int actual, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"'{name}' has {actual} elements but the outputs have {expected}.", name);
    }
}
