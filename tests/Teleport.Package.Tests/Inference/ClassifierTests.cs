using System;
using System.Linq;
using AotInference;
using Teleport.Testing;

namespace Teleport.Package.Tests.Inference;

/// <summary>
/// The AOT sample's prediction path (its own source files, compiled here under the JIT): one image
/// through the generated Predict into a preallocated buffer, then argmax — equal to batched prediction,
/// and allocation-free after warm-up.
/// </summary>
public sealed class ClassifierTests
{
    [Fact]
    public void OneImageAtATimeAgreesWithBatchedPredict()
    {
        var model = new FashionMlp();
        model.InitializeParameters(seed: 7);
        var data = SyntheticImages.Create(64, seed: 7);
        var logits = new float[data.Count * FashionMlp.OutputSize];
        model.Predict(data.Features, logits);

        var classifier = new Classifier(model);
        for (var i = 0; i < data.Count; i++)
        {
            var row = logits.AsSpan(i * FashionMlp.OutputSize, FashionMlp.OutputSize);
            var expected = 0;
            for (var j = 1; j < row.Length; j++)
                if (row[j] > row[expected]) expected = j;
            Assert.Equal(expected, classifier.Classify(data.FeatureRow(i)));
            for (var j = 0; j < row.Length; j++)
                Assert.Equal(row[j], classifier.Logits[j], 1e-5f);
        }
    }

    [Fact]
    public void ClassifyingAnImageAllocatesNothingAfterWarmUp()
    {
        var model = new FashionMlp();
        model.InitializeParameters(seed: 1);
        var data = SyntheticImages.Create(100, seed: 1);
        var classifier = new Classifier(model);
        var sink = 0;
        for (var pass = 0; pass < 20; pass++)
            for (var i = 0; i < data.Count; i++) sink += classifier.Classify(data.FeatureRow(i));

        var allocated = Allocations.SteadyState(() =>
        {
            for (var pass = 0; pass < 10; pass++)
                for (var i = 0; i < data.Count; i++) sink += classifier.Classify(data.FeatureRow(i));
        });

        Assert.Equal(0, allocated);
        Assert.InRange(sink, 0, (20 + 10 * Allocations.Windows) * data.Count * 9);
    }

    [Fact]
    public void TheTimedPassOfTheAppAllocatesNothingAfterWarmUp()
    {
        var model = new FashionMlp();
        model.InitializeParameters(seed: 2);
        var data = SyntheticImages.Create(200, seed: 2);
        var classifier = new Classifier(model);
        var latencies = new long[data.Count];
        for (var pass = 0; pass < 10; pass++)
            Evaluation.CountCorrect(classifier, data, latencies);

        var (correct, untimed) = (0, 0);
        var allocated = Allocations.SteadyState(() =>
        {
            correct = Evaluation.CountCorrect(classifier, data, latencies);
            untimed = Evaluation.CountCorrect(classifier, data, Span<long>.Empty);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(correct, untimed);
        Assert.All(latencies, t => Assert.True(t >= 0));
    }

    [Fact]
    public void LatencySummaryUsesNearestRankPercentiles()
    {
        var ticks = new long[100];
        for (var i = 0; i < ticks.Length; i++) ticks[i] = 100 - i; // 100 … 1, unsorted on purpose
        var sorted = Enumerable.Reverse(ticks).ToArray();
        Assert.Equal(50, LatencySummary.Percentile(sorted, 0.50));
        Assert.Equal(99, LatencySummary.Percentile(sorted, 0.99));
        Assert.Equal(100, LatencySummary.Percentile(sorted, 1.0));
        Assert.Equal(1, LatencySummary.Percentile([1L], 0.99));
        var summary = LatencySummary.FromTicks(ticks);
        Assert.Equal(100, summary.Count);
        var microsecondsPerTick = 1e6 / System.Diagnostics.Stopwatch.Frequency;
        Assert.Equal(50 * microsecondsPerTick, summary.MedianMicroseconds, 9);
        Assert.Equal(99 * microsecondsPerTick, summary.P99Microseconds, 9);
    }
}
