using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Kernels;

namespace Teleport.Runtime.Tests.Optimizers;

/// <summary>
/// Elements are independent, so every register width (forced, in software where the machine lacks
/// it) and every tail length must give bit-for-bit the results of the scalar loop.
/// </summary>
public sealed class OptimizerLaneTests
{
    /// <summary>Each forced widest width (512 runs 512 → 256 → 128 → scalar), and the hardware's own choice.</summary>
    private static readonly SimdWidth[] Widths = [.. KernelScope.AllWidths, SimdWidth.Auto];

    [Theory]
    [MemberData(nameof(OptimizerTestData.Kinds), MemberType = typeof(OptimizerTestData))]
    public void EveryWidthAndLengthMatchesTheScalarLoop(OptimizerKind kind)
    {
        Check<float>(kind);
        Check<double>(kind);
    }

    [Fact]
    public void OneElementOptimizerMatchesAnElementOfALongOne()
    {
        OptimizerSettings settings = OptimizerTestData.FullSettings(OptimizerKind.Adam);
        float[] parameters = OptimizerTestData.Random<float>(1, 53);
        float[] gradient = OptimizerTestData.Random<float>(2, 53);
        Optimizer<float> all = OptimizerFactory.Create<float>(OptimizerKind.Adam, settings, 53);
        float[] updated = parameters.AsSpan().ToArray();
        all.Step(updated, gradient);
        for (int i = 0; i < 53; i++)
        {
            Optimizer<float> one = OptimizerFactory.Create<float>(OptimizerKind.Adam, settings, 1);
            float[] element = [parameters[i]];
            one.Step(element, [gradient[i]]);
            Assert.Equal(updated[i], element[0]);
        }
    }

    private static void Check<T>(OptimizerKind kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptimizerSettings settings = OptimizerTestData.FullSettings(kind);
        for (int length = 0; length <= 80; length += length < 40 ? 1 : 13)
        {
            T[] initial = OptimizerTestData.Random<T>(length, length);
            T[][] gradients = new T[4][];
            for (int s = 0; s < gradients.Length; s++)
            {
                gradients[s] = OptimizerTestData.Random<T>(100 * length + s, length, 3);
            }

            T[] reference = Run(kind, settings, SimdWidth.Scalar, initial, gradients);
            foreach (SimdWidth widths in Widths)
            {
                T[] actual = Run(kind, settings, widths, initial, gradients);
                for (int i = 0; i < length; i++)
                {
                    Assert.True(actual[i] == reference[i], $"{kind} {typeof(T).Name} {widths} length {length} element {i}: {actual[i]} vs scalar {reference[i]}");
                }
            }
        }
    }

    private static T[] Run<T>(OptimizerKind kind, OptimizerSettings settings, SimdWidth widths, T[] initial, T[][] gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = new KernelScope(widths);
        Optimizer<T> optimizer = OptimizerFactory.Create<T>(kind, settings, initial.Length);
        T[] parameters = initial.AsSpan().ToArray();
        foreach (T[] gradient in gradients)
        {
            optimizer.Step(parameters, gradient);
        }

        return parameters;
    }
}
