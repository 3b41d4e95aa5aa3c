using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Data;
using Teleport.Kernels;
using Teleport.Optimizers;
namespace Teleport.Benchmarks.Training;
internal static class Probe
{
    public static unsafe void Run(int rounds)
    {
        var train = SyntheticClassification.Create(50_000, 1, 1, new SyntheticClassificationOptions { FeatureCount = 784, ClassCount = 10 }).Train;
        const int batch = 20;
        int batches = train.Count / batch;
        var model = new PaperMlp();
        model.InitializeParameters(1);
        var initial = model.Parameters.ToArray();
        var gradient = new AlignedArray<float>(PaperMlp.ParameterCount);
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, new OptimizerSettings { LearningRate = 1e-2 }, PaperMlp.ParameterCount);
        var all = train.Features;
        fixed (float* p = all) Console.WriteLine($"features mod 64: {(long)p & 63}");
        var aligned = new AlignedArray<float>(all.Length);
        all.CopyTo(aligned);
        var labels = train.LabelRange(0, train.Count).ToArray();
        double Loop(bool useAligned)
        {
            initial.CopyTo(model.Parameters); optimizer.Reset();
            ReadOnlySpan<float> src = useAligned ? aligned.Span : train.Features;
            var t0 = Teleport.Benchmarks.Kernels.ThreadCpuClock.Seconds();
            for (int b = 0; b < batches; b++)
            {
                model.LossAndGradient(src.Slice(b * batch * 784, batch * 784), labels.AsSpan(b * batch, batch), gradient);
                optimizer.Step(model.Parameters, gradient);
            }
            return (Teleport.Benchmarks.Kernels.ThreadCpuClock.Seconds() - t0) / batches * 1e6;
        }
        for (int w = 0; w < 3; w++) { Loop(false); Loop(true); }
        for (int r = 0; r < rounds; r++)
        {
            var a = Enumerable.Range(0, 5).Select(_ => Loop(false)).OrderBy(v => v).ElementAt(2);
            var b = Enumerable.Range(0, 5).Select(_ => Loop(true)).OrderBy(v => v).ElementAt(2);
            Console.WriteLine($"in place as stored {a:F2} µs, rows on 64-byte boundaries {b:F2} µs");
        }
    }
}
