using System;
using System.Numerics;
using Teleport.Optimizers;

namespace Teleport.Runtime.Tests.Optimizers;

/// <summary>
/// Elements are independent, so a vector of any length must update each element exactly as a
/// one-element optimizer (always the scalar path) does: SIMD widths and tails agree bit for bit.
/// </summary>
public sealed class OptimizerLaneTests
{
    [Theory]
    [MemberData(nameof(OptimizerTestData.Kinds), MemberType = typeof(OptimizerTestData))]
    public void EveryLengthMatchesTheScalarPath(OptimizerKind kind)
    {
        Check<float>(kind);
        Check<double>(kind);
    }

    private static void Check<T>(OptimizerKind kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptimizerSettings settings = OptimizerTestData.FullSettings(kind);
        for (int length = 0; length <= 70; length += length < 20 ? 1 : 7)
        {
            T[] parameters = OptimizerTestData.Random<T>(length, length);
            T[][] gradients = new T[4][];
            for (int s = 0; s < gradients.Length; s++)
            {
                gradients[s] = OptimizerTestData.Random<T>(100 * length + s, length, 3);
            }

            T[] vectorised = parameters.AsSpan().ToArray();
            Optimizer<T> optimizer = OptimizerFactory.Create<T>(kind, settings, length);
            foreach (T[] gradient in gradients)
            {
                optimizer.Step(vectorised, gradient);
            }

            for (int i = 0; i < length; i++)
            {
                Optimizer<T> single = OptimizerFactory.Create<T>(kind, settings, 1);
                T[] element = [parameters[i]];
                foreach (T[] gradient in gradients)
                {
                    single.Step(element, [gradient[i]]);
                }

                Assert.True(element[0] == vectorised[i], $"{kind} {typeof(T).Name} length {length} element {i}: {vectorised[i]} vs scalar {element[0]}");
            }
        }
    }
}
