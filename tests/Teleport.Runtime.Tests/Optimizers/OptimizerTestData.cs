using System;
using System.Collections.Generic;
using System.Numerics;
using Teleport.Optimizers;

namespace Teleport.Runtime.Tests.Optimizers;

/// <summary>Settings that switch on every buffer and branch of each kind, and seeded data.</summary>
internal static class OptimizerTestData
{
    public static IEnumerable<object[]> Kinds()
    {
        foreach (OptimizerKind kind in Enum.GetValues<OptimizerKind>())
        {
            yield return [kind];
        }
    }

    /// <summary>Settings that give each kind all of its buffers (momentum, centered, AMSGrad, …).</summary>
    public static OptimizerSettings FullSettings(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => new OptimizerSettings { LearningRate = 0.05, Momentum = 0.8, Dampening = 0.1, WeightDecay = 0.01 },
        OptimizerKind.Momentum => new OptimizerSettings { LearningRate = 0.05, Nesterov = true, WeightDecay = 0.01 },
        OptimizerKind.AdaGrad => new OptimizerSettings { LearningRate = 0.1, LearningRateDecay = 0.01, InitialAccumulatorValue = 0.1, WeightDecay = 0.01 },
        OptimizerKind.RmsProp => new OptimizerSettings { LearningRate = 0.01, Momentum = 0.5, Centered = true, WeightDecay = 0.01 },
        OptimizerKind.Adam => new OptimizerSettings { LearningRate = 0.01, AmsGrad = true, WeightDecay = 0.01 },
        OptimizerKind.AdamW => new OptimizerSettings { LearningRate = 0.01, AmsGrad = true },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static T[] Random<T>(int seed, int length, double scale = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateTruncating(scale * (2 * random.NextDouble() - 1));
        }

        return values;
    }

    /// <summary>Takes <paramref name="steps"/> steps with gradients seeded by step number (plus <paramref name="firstStep"/>).</summary>
    public static void Run<T>(Optimizer<T> optimizer, T[] parameters, int steps, int firstStep = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int s = 0; s < steps; s++)
        {
            T[] gradient = Random<T>(1000 + firstStep + s, parameters.Length);
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] += parameters[i]; // depends on the trajectory
            }

            optimizer.Step(parameters, gradient);
        }
    }
}
