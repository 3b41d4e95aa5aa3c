using System;
using Teleport.Data;
using Teleport.Geometry;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>The perturbation sharpness measures against direct evaluation of the loss at the perturbed points (double).</summary>
public class SharpnessTests
{
    [Theory]
    [InlineData(PerturbationKind.UniformPositive)]
    [InlineData(PerturbationKind.Gaussian)]
    [InlineData(PerturbationKind.AdaptiveGaussian)]
    public void MatchesDirectEvaluation(PerturbationKind kind)
    {
        var c = NetworkCase.Get("DeepClassifier");
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, 23, seed: 41);
        var options = new SharpnessOptions { Kind = kind, Radii = [0.01, 0.1, 0.5], DirectionsPerRadius = 2, BatchSize = 10 };
        var w = model.Parameters.ToArray();

        var result = new PerturbationSharpness<double>(model).Measure(batch.Inputs, batch.TargetsD, options, seed: 7);
        Assert.Equal(w, model.Parameters.ToArray()); // restored

        // Direct: batches of 10 (samples 0–9, 10–19; the last 3 are left out), the documented draw order.
        var random = new SeededRandom(7);
        var d = new double[w.Length];
        var perturbed = new double[w.Length];
        double sum = 0, lossSum = 0;
        var count = 0;
        var increase = new double[3];
        var inputSize = model.Info.InputSize;
        for (var b = 0; b < 2; b++)
        {
            var inputs = batch.Inputs.AsSpan(b * 10 * inputSize, 10 * inputSize).ToArray();
            var labels = batch.Labels!.AsSpan(b * 10, 10).ToArray();
            var loss = model.Loss(inputs, labels);
            lossSum += loss;
            for (var r = 0; r < 3; r++)
                for (var k = 0; k < 2; k++)
                {
                    PerturbationSharpness<double>.DrawDirection(random, kind, d);
                    double norm = 0;
                    foreach (var x in d) norm += x * x;
                    norm = Math.Sqrt(norm);
                    for (var i = 0; i < w.Length; i++)
                        perturbed[i] = kind == PerturbationKind.AdaptiveGaussian
                            ? w[i] + options.Radii[r] * Math.Abs(w[i]) * d[i]
                            : w[i] + options.Radii[r] * d[i] / norm;
                    perturbed.CopyTo(model.Parameters);
                    var value = model.Loss(inputs, labels);
                    w.CopyTo(model.Parameters);
                    sum += value;
                    increase[r] += value - loss;
                    count++;
                }
        }
        Assert.Equal(12, count);
        Assert.Equal(count, result.Evaluations);
        Assert.Equal(2, result.Batches);
        Assert.Equal(sum / count, result.MeanPerturbedLoss, 1e-14);
        Assert.Equal(lossSum / 2, result.MeanLoss, 1e-14);
        Assert.Equal(sum / count / 10, result.Phi, 1e-15);
        var sharpness = new PerturbationSharpness<double>(model);
        sharpness.Measure(batch.Inputs, batch.TargetsD, options, seed: 7);
        for (var r = 0; r < 3; r++) Assert.Equal(increase[r] / 4, sharpness.MeanIncreaseByRadius[r], 1e-14);
    }

    [Fact]
    public void PaperRadiiAreNumpysArange()
    {
        Assert.Equal(20, SharpnessRadii.PaperFashionMnist.Count);
        Assert.Equal(0.0001, SharpnessRadii.PaperFashionMnist[0]);
        Assert.Equal(0.0191, SharpnessRadii.PaperFashionMnist[19], 1e-15);
        Assert.Equal(20, SharpnessRadii.PaperMnist.Count);
        Assert.Equal(0.191, SharpnessRadii.PaperMnist[19], 1e-15);
        Assert.Same(SharpnessRadii.PaperMnist, SharpnessOptions.Paper("mnist").Radii);
        Assert.Same(SharpnessRadii.PaperFashionMnist, SharpnessOptions.Paper("cifar10").Radii);
        var paper = SharpnessOptions.Paper("fashion-mnist");
        Assert.Equal((PerturbationKind.UniformPositive, 1, 200), (paper.Kind, paper.DirectionsPerRadius, paper.BatchSize));
    }

    [Fact]
    public void IsDeterministicPerSeedAndRestoresOnFailure()
    {
        var c = NetworkCase.Get("NeuripsRegression");
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, 8, seed: 42);
        var options = new SharpnessOptions { Kind = PerturbationKind.Gaussian, Radii = [0.3], BatchSize = 4 };
        var sharpness = new PerturbationSharpness<double>(model);
        var a = sharpness.Measure(batch.Inputs, batch.TargetsD, options, 1);
        Assert.Equal(a, sharpness.Measure(batch.Inputs, batch.TargetsD, options, 1));
        Assert.NotEqual(a.MeanPerturbedLoss, sharpness.Measure(batch.Inputs, batch.TargetsD, options, 2).MeanPerturbedLoss);
        // Fewer samples than a batch: one batch of all of them.
        Assert.Equal(1, sharpness.Measure(batch.Inputs, batch.TargetsD, options with { BatchSize = 50 }, 1).Batches);

        var w = model.Parameters.ToArray();
        sharpness.Begin(options, 3);
        Assert.Throws<ArgumentException>(() => sharpness.AddBatch(batch.Inputs.AsSpan(0, 7), batch.TargetsD));
        Assert.Equal(w, model.Parameters.ToArray());
        Assert.Throws<ArgumentException>(() => sharpness.Begin(options with { Radii = [] }, 1));
    }
}
