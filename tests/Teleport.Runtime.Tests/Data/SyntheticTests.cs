using System;
using System.Linq;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

public class SyntheticTests
{
    [Fact]
    public void PaperRegressionHasTheAuthorsShapesAndUniformData()
    {
        // multi_layer_regression.py: dim = [4, 5, 6, 7, 8] → X 5×4, Y 8×4 (4 samples), W 6×5, 7×6, 8×7.
        var data = SyntheticRegression.Paper(seed: 12345);
        Assert.Equal(4, data.Count);
        Assert.Equal(5, data.FeatureCount);
        Assert.Equal(8, data.TargetCount);
        Assert.All(data.Features.ToArray(), v => Assert.InRange(v, 0f, 1f));
        Assert.All(data.Targets.ToArray(), v => Assert.InRange(v, 0f, 1f));
        var weights = SyntheticRegression.PaperInitialWeights(SyntheticRegression.PaperDims, 12345);
        Assert.Equal(6 * 5 + 7 * 6 + 8 * 7, weights.Length);
        Assert.All(weights, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(16f, SyntheticRegression.PaperLossScale(4, 8));
    }

    [Fact]
    public void RegressionIsDeterministicPerSeed()
    {
        var a = SyntheticRegression.Create([3, 10, 2], 50, seed: 1);
        var b = SyntheticRegression.Create([3, 10, 2], 50, seed: 1);
        var c = SyntheticRegression.Create([3, 10, 2], 50, seed: 2);
        Assert.Equal(a.Features.ToArray(), b.Features.ToArray());
        Assert.Equal(a.Targets.ToArray(), b.Targets.ToArray());
        Assert.NotEqual(a.Features.ToArray(), c.Features.ToArray());
        Assert.InRange(a.Features.ToArray().Average(), 0.4f, 0.6f);
        Assert.Throws<ArgumentException>(() => SyntheticRegression.Create([3], 5, 1));
        Assert.Throws<ArgumentException>(() => SyntheticRegression.Create([3, 0], 5, 1));
    }

    [Fact]
    public void ClassificationHasFashionMnistShapeAndBalancedLabels()
    {
        var splits = SyntheticClassification.Create(1000, 200, seed: 4);
        Assert.Equal(1000, splits.Train.Count);
        Assert.Equal(200, splits.Test.Count);
        Assert.Equal(784, splits.Train.FeatureCount);
        Assert.Equal([1, 28, 28], splits.Train.SampleShape);
        Assert.Equal(10, splits.Train.ClassCount);
        var counts = new int[10];
        foreach (var y in splits.Train.Labels) counts[y]++;
        Assert.All(counts, c => Assert.Equal(100, c));
        // Shuffled, not cyclic.
        Assert.NotEqual(Enumerable.Range(0, 20).Select(i => i % 10), splits.Train.Labels[..20].ToArray());
    }

    [Fact]
    public void ClassificationIsDeterministicPerSeedWithIndependentTestDraw()
    {
        var a = SyntheticClassification.Create(50, 50, seed: 9);
        var b = SyntheticClassification.Create(50, 50, seed: 9);
        var c = SyntheticClassification.Create(50, 50, seed: 10);
        Assert.Equal(a.Train.Features.ToArray(), b.Train.Features.ToArray());
        Assert.Equal(a.Test.Labels.ToArray(), b.Test.Labels.ToArray());
        Assert.NotEqual(a.Train.Features.ToArray(), c.Train.Features.ToArray());
        Assert.NotEqual(a.Train.Features.ToArray(), a.Test.Features.ToArray());
    }

    [Fact]
    public void ClassificationIsLearnableButNotTrivial()
    {
        var splits = SyntheticClassification.Create(5000, 2000, seed: 1);
        var prototypes = SyntheticClassification.Prototypes(1);

        // Bayes-optimal rule (nearest true prototype): about 0.87.
        var bayes = Accuracy(splits.Test, prototypes);
        Assert.InRange(bayes, 0.80, 0.93);

        // Learned from the training data (class means): close to it, far above chance (0.1).
        var means = new float[10 * 784];
        var counts = new int[10];
        for (var i = 0; i < splits.Train.Count; i++)
        {
            var y = splits.Train.Label(i);
            counts[y]++;
            var row = splits.Train.FeatureRow(i);
            for (var j = 0; j < 784; j++) means[y * 784 + j] += row[j];
        }
        for (var c = 0; c < 10; c++)
            for (var j = 0; j < 784; j++) means[c * 784 + j] /= counts[c];
        var learned = Accuracy(splits.Test, means);
        Assert.InRange(learned, 0.70, bayes + 0.02);

        // No single pixel separates the classes: the best one-pixel threshold rule is weak.
        Assert.True(BestSinglePixelAccuracy(splits.Train) < 0.3);
    }

    private static double Accuracy(Dataset set, float[] centers)
    {
        var correct = 0;
        for (var i = 0; i < set.Count; i++)
        {
            var row = set.FeatureRow(i);
            var best = -1;
            var bestDistance = double.MaxValue;
            for (var c = 0; c < 10; c++)
            {
                double d = 0;
                for (var j = 0; j < row.Length; j++)
                {
                    var diff = row[j] - centers[c * 784 + j];
                    d += diff * diff;
                }
                if (d < bestDistance) (best, bestDistance) = (c, d);
            }
            if (best == set.Label(i)) correct++;
        }
        return (double)correct / set.Count;
    }

    /// <summary>For each pixel: predict the class whose mean of that pixel is nearest; the best pixel's accuracy.</summary>
    private static double BestSinglePixelAccuracy(Dataset set)
    {
        var best = 0.0;
        for (var j = 0; j < 784; j += 7)
        {
            var sums = new double[10];
            var counts = new int[10];
            for (var i = 0; i < set.Count; i++)
            {
                sums[set.Label(i)] += set.FeatureRow(i)[j];
                counts[set.Label(i)]++;
            }
            var correct = 0;
            for (var i = 0; i < set.Count; i++)
            {
                var x = set.FeatureRow(i)[j];
                var arg = 0;
                for (var c = 1; c < 10; c++)
                    if (Math.Abs(x - sums[c] / counts[c]) < Math.Abs(x - sums[arg] / counts[arg])) arg = c;
                if (arg == set.Label(i)) correct++;
            }
            best = Math.Max(best, (double)correct / set.Count);
        }
        return best;
    }
}
