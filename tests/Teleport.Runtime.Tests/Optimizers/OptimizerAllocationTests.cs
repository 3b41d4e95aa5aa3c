using System;
using Teleport.Optimizers;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Optimizers;

public sealed class OptimizerAllocationTests
{
    [Theory]
    [MemberData(nameof(OptimizerTestData.Kinds), MemberType = typeof(OptimizerTestData))]
    public void StepAllocatesNothing(OptimizerKind kind)
    {
        AssertNoAllocation<float>(kind);
        AssertNoAllocation<double>(kind);
    }

    private static void AssertNoAllocation<T>(OptimizerKind kind)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int count = 1029;
        Optimizer<T> optimizer = OptimizerFactory.Create<T>(kind, OptimizerTestData.FullSettings(kind), count);
        T[] parameters = OptimizerTestData.Random<T>(1, count, 0.1);
        T[] gradient = OptimizerTestData.Random<T>(2, count, 0.1);
        for (int i = 0; i < 200; i++)
        {
            optimizer.Step(parameters, gradient); // warm up (JIT tiers)
        }

        long allocated = Allocations.SteadyState(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                optimizer.Step(parameters, gradient);
                optimizer.LearningRate = optimizer.LearningRate;
            }
        });
        Assert.Equal(0, allocated);
    }
}
