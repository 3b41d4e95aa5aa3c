using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="Reductions.AllBelowInMagnitude{T}"/>, the trainer's check before it sums ‖∇L‖² in the update's pass: one
/// offending value anywhere (in a register of the vector loop or in the scalar rest) makes it false. And
/// <see cref="Reductions.LargestMagnitude{T}"/>, which reads the same way: the largest |x|, NaN if any is NaN.
/// </summary>
public sealed class MagnitudeCheckTests
{
    private static readonly int[] Lengths = [0, 1, 31, 32, 33, 63, 64, 100, 12_804];

    [Fact]
    public void FloatValuesBelowTheBoundPassAndAnyOffenderFailsWherever() => Check<float>();

    [Fact]
    public void DoubleValuesBelowTheBoundPassAndAnyOffenderFailsWherever() => Check<double>();

    [Fact]
    public void ABoundThatIsNotPositiveOrIsNaNPassesOnlyTheEmptyVector()
    {
        float[] values = new float[40];
        foreach (float bound in new[] { 0f, -1f, float.NaN })
        {
            Assert.False(Reductions.AllBelowInMagnitude<float>(values, bound));
            Assert.True(Reductions.AllBelowInMagnitude<float>([], bound));
        }
        Assert.True(Reductions.AllBelowInMagnitude<float>(values, float.PositiveInfinity));
        values[35] = float.NegativeInfinity;
        Assert.False(Reductions.AllBelowInMagnitude<float>(values, float.PositiveInfinity));
    }

    [Fact]
    public void TheLargestMagnitudeIsThatOfTensorPrimitivesAndNaNWinsWherever()
    {
        CheckLargest<float>();
        CheckLargest<double>();
    }

    private static void CheckLargest<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(T.Zero, Reductions.LargestMagnitude<T>([]));
        Assert.Equal(T.Zero, Reductions.LargestMagnitude<T>([-T.Zero, T.Zero]));
        foreach (int length in Lengths)
        {
            if (length == 0) continue;
            var random = new Random(length + 1);
            var values = new T[length];
            for (int i = 0; i < length; i++) values[i] = T.CreateTruncating((2 * random.NextDouble() - 1) * 10);
            T expected = T.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<T>(values));
            Assert.Equal(expected, Reductions.LargestMagnitude<T>(values));
            foreach (int at in new[] { 0, length / 3, length - 1 })
            {
                T kept = values[at];
                values[at] = T.CreateTruncating(-1e4);
                Assert.Equal(T.CreateTruncating(1e4), Reductions.LargestMagnitude<T>(values));
                values[at] = T.NegativeInfinity;
                Assert.Equal(T.PositiveInfinity, Reductions.LargestMagnitude<T>(values));
                values[at] = T.NaN;
                Assert.True(T.IsNaN(Reductions.LargestMagnitude<T>(values)), $"{typeof(T).Name} length {length}: NaN at {at}");
                values[at] = kept;
            }
        }
    }

    private static void Check<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        T bound = T.CreateTruncating(281_474_976_710_656.0); // 2⁴⁸, the trainer's
        T[] offenders = [T.NaN, -T.NaN, T.PositiveInfinity, T.NegativeInfinity, bound, -bound, T.CreateTruncating(1e30)];
        foreach (int length in Lengths)
        {
            var random = new Random(length);
            var values = new T[length];
            for (int i = 0; i < length; i++) values[i] = T.CreateTruncating((2 * random.NextDouble() - 1) * 1e3);
            if (length > 0) values[length / 2] = T.BitDecrement(bound);
            if (length > 1) values[length - 1] = -T.BitDecrement(bound);
            Assert.True(Reductions.AllBelowInMagnitude<T>(values, bound), $"{typeof(T).Name} length {length}");
            foreach (int at in new[] { 0, length / 3, length / 2, length - 1 })
            {
                if (at < 0 || at >= length) continue;
                foreach (T offender in offenders)
                {
                    T kept = values[at];
                    values[at] = offender;
                    Assert.False(Reductions.AllBelowInMagnitude<T>(values, bound), $"{typeof(T).Name} length {length}: {offender} at {at}");
                    values[at] = kept;
                }
            }
        }
    }
}
