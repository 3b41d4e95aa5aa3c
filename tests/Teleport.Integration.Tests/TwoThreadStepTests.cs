using System;
using System.Linq;
using Teleport.Integration.Tests.Networks;
using Teleport.Kernels;

namespace Teleport.Integration.Tests;

/// <summary>
/// The wide network's loss, gradient and Hessian-vector product on two threads (products split by columns, the
/// activations and their derivatives by elements) are the bits of one thread, and the worker really takes part.
/// Runs alone: it changes the process-wide thread setting.
/// </summary>
[Collection(nameof(ThreadSetting))]
public sealed class TwoThreadStepTests
{
    [Fact]
    public void TheWideStepOnTwoThreadsIsTheStepOnOne()
    {
        const int batch = 128;
        var model = new WideMlp();
        model.InitializeParameters(3);
        var random = new Random(4);
        var inputs = Enumerable.Range(0, batch * 784).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, batch).Select(i => i % 10).ToArray();
        var v = Enumerable.Range(0, model.Parameters.Length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        (float Loss, float[] Gradient, float[] Hvp) Step()
        {
            var gradient = new float[model.Parameters.Length];
            var hvp = new float[model.Parameters.Length];
            var loss = model.LossAndGradient(inputs, labels, gradient);
            model.HessianVectorProduct(inputs, labels, v, hvp);
            return (loss, gradient, hvp);
        }

        int saved = MatrixMultiply.MaxThreads;
        try
        {
            MatrixMultiply.MaxThreads = 1;
            var one = Step();
            MatrixMultiply.MaxThreads = 2;
            var two = one;
            var split = false;
            // Retried (a loop bound, not a speed check): on a loaded machine the worker may not be scheduled during a
            // call, or a cooldown left by a preempted product may still be running out.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var attempt = 0; Teleport.Testing.Retries.KeepTrying(attempt, clock, 100) && !split; attempt++)
            {
                long jobs = GemmParallel.JobsCompleted;
                two = Step();
                split = GemmParallel.JobsCompleted > jobs;
            }
            Assert.True(split, "the worker never took a chunk");
            Assert.Equal(BitConverter.SingleToInt32Bits(one.Loss), BitConverter.SingleToInt32Bits(two.Loss));
            Assert.True(one.Gradient.AsSpan().SequenceEqual(two.Gradient), "gradients differ");
            Assert.True(one.Hvp.AsSpan().SequenceEqual(two.Hvp), "Hessian-vector products differ");
        }
        finally
        {
            MatrixMultiply.MaxThreads = saved;
        }
    }
}

/// <summary>Tests that change <see cref="MatrixMultiply.MaxThreads"/> run alone.</summary>
[CollectionDefinition(nameof(ThreadSetting), DisableParallelization = true)]
public sealed class ThreadSetting;
