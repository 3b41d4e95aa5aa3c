using System;
using System.Linq;
using Teleport.Data;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Data;

public class DatasetTests
{
    /// <summary>n samples of 3 features: sample i is (i, 10 + i, 100 + i), label i mod 4.</summary>
    private static Dataset Classification(int n = 10)
    {
        var features = new float[n * 3];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            features[3 * i] = i;
            features[3 * i + 1] = 10 + i;
            features[3 * i + 2] = 100 + i;
            labels[i] = i % 4;
        }
        return Dataset.Classification("toy", features, 3, labels, 4);
    }

    private static Dataset Regression(int n = 6)
    {
        var features = Enumerable.Range(0, 2 * n).Select(i => (float)i).ToArray();
        var targets = Enumerable.Range(0, 2 * n).Select(i => -(float)i).ToArray();
        return Dataset.Regression("reg", features, 2, targets, 2);
    }

    [Fact]
    public void DescribesItsShape()
    {
        var set = Classification();
        Assert.Equal(10, set.Count);
        Assert.Equal(3, set.FeatureCount);
        Assert.True(set.IsClassification);
        Assert.Equal(4, set.OutputCount);
        Assert.Equal([3], set.SampleShape);
        Assert.Equal(new float[] { 2, 12, 102 }, set.FeatureRow(2).ToArray());
        Assert.Equal(3, set.Label(7));
        Assert.Equal("toy: 10 samples × 3 features, 4 classes", set.ToString());
        var reg = Regression();
        Assert.False(reg.IsClassification);
        Assert.Equal(2, reg.OutputCount);
        Assert.Throws<InvalidOperationException>(() => reg.Label(0));
        Assert.Throws<InvalidOperationException>(() => set.TargetRow(0));
    }

    [Fact]
    public void RejectsInconsistentConstruction()
    {
        Assert.Throws<ArgumentException>(() => Dataset.Classification("x", new float[7], 3, new int[2], 2));
        Assert.Throws<ArgumentException>(() => Dataset.Classification("x", new float[6], 3, new int[3], 2));
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.Classification("x", new float[6], 3, [0, 5], 2));
        Assert.Contains("Sample 1 has label 5", bad.Message);
        Assert.Throws<ArgumentException>(() => Dataset.Regression("x", new float[6], 3, new float[3], 2));
        Assert.Throws<ArgumentException>(() => Dataset.Classification("x", new float[6], 3, new int[2], 2, [2, 2]));
    }

    [Fact]
    public void RefusesNonFiniteValuesAndShapesBelowOne()
    {
        // A NaN feature was taken, and the run stopped later on "the training loss became NaN", which named the step, not the data.
        var features = new float[2 * 784];
        features[784 + 5] = float.NaN;
        var nan = Assert.Throws<ArgumentException>(() => Dataset.Classification("x", features, 784, [0, 1], 10));
        Assert.StartsWith("features hold NaN at sample 1, feature 5: a non-finite value", nan.Message);
        var inf = Assert.Throws<ArgumentException>(() => Dataset.Regression("r", new float[4], 2, [1, float.PositiveInfinity], 1));
        Assert.StartsWith("targets hold Infinity at sample 1, target 0", inf.Message);
        Assert.Throws<ArgumentException>(() => Dataset.Regression("r", [1, 2, float.NegativeInfinity, 4], 2, [1, 2], 1));
        // [-1, -28, 28] has 784 elements, as [1, 28, 28] does
        var shape = Assert.Throws<ArgumentException>(() => Dataset.Classification("x", new float[784], 784, [0], 10, [-1, -28, 28]));
        Assert.StartsWith("sampleShape [-1, -28, 28] has a dimension below 1.", shape.Message);
        var huge = Assert.Throws<ArgumentException>(() => Dataset.Classification("x", new float[784], 784, [0], 10, [65536, 65536, 65536, 65536, 65536]));
        Assert.StartsWith("sampleShape [65536, 65536, 65536, 65536, 65536] has more than 2147483647 elements", huge.Message);
    }

    [Fact]
    public void CopyBatchGathersRowsByIndex()
    {
        var set = Classification();
        var features = new float[4 * 3];
        var labels = new int[4];
        set.CopyBatch([9, 0, 5], features, labels);
        Assert.Equal(new float[] { 9, 19, 109, 0, 10, 100, 5, 15, 105, 0, 0, 0 }, features);
        Assert.Equal(new[] { 1, 0, 1, 0 }, labels);

        var doubles = new double[3];
        var doubleLabels = new int[1];
        set.CopyBatch([4], doubles, doubleLabels);
        Assert.Equal(new double[] { 4, 14, 104 }, doubles);
        Assert.Equal(0, doubleLabels[0]);
    }

    [Fact]
    public void CopyBatchGathersTargets()
    {
        var set = Regression();
        var features = new float[4];
        var targets = new float[4];
        set.CopyBatch([3, 1], features, targets);
        Assert.Equal(new float[] { 6, 7, 2, 3 }, features);
        Assert.Equal(new float[] { -6, -7, -2, -3 }, targets);
        var df = new double[2];
        var dt = new double[2];
        set.CopyBatch([5], df, dt);
        Assert.Equal(new double[] { 10, 11 }, df);
        Assert.Equal(new double[] { -10, -11 }, dt);
    }

    [Fact]
    public void CopyBatchChecksIndicesAndBuffers()
    {
        var set = Classification();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => set.CopyBatch([1, 10], new float[6], new int[2]));
        Assert.Contains("indices[1] = 10", e.Message);
        Assert.Throws<ArgumentException>(() => set.CopyBatch([1, 2], new float[5], new int[2]));
        Assert.Throws<ArgumentException>(() => set.CopyBatch([1, 2], new float[6], new int[1]));
    }

    [Fact]
    public void CopyBatchDoesNotAllocate()
    {
        var set = Classification();
        var features = new float[9];
        var labels = new int[3];
        int[] indices = [2, 4, 6];
        set.CopyBatch(indices, features, labels);
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 100; i++) set.CopyBatch(indices, features, labels);
        }));
    }

    [Fact]
    public void RangesSubsetsSlicesAndConcatenation()
    {
        var set = Classification();
        Assert.Equal(new float[] { 3, 13, 103, 4, 14, 104 }, set.FeatureRows(3, 2).ToArray());
        Assert.Equal(new[] { 3, 0 }, set.LabelRange(3, 2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => set.FeatureRows(9, 2));

        var subset = set.Subset([8, 1], "sub");
        Assert.Equal("sub", subset.Name);
        Assert.Equal(new float[] { 8, 18, 108, 1, 11, 101 }, subset.Features.ToArray());
        Assert.Equal(new[] { 0, 1 }, subset.Labels.ToArray());

        var slice = set.Slice(2, 3);
        Assert.Equal(new[] { 2, 3, 0 }, slice.Labels.ToArray());

        var joined = Dataset.Concatenate("all", slice, subset);
        Assert.Equal(5, joined.Count);
        Assert.Equal(new[] { 2, 3, 0, 0, 1 }, joined.Labels.ToArray());
        Assert.Equal(subset.Features.ToArray(), joined.FeatureRows(3, 2).ToArray());
        Assert.Throws<ArgumentException>(() => Dataset.Concatenate("bad", set, Regression()));

        var reg = Regression().Subset([2]);
        Assert.Equal(new float[] { -4, -5 }, reg.Targets.ToArray());
        Assert.Equal(new float[] { -4, -5 }, reg.TargetRows(0, 1).ToArray());
    }

    [Fact]
    public void SplitIsADisjointPartitionDeterminedBySeed()
    {
        var set = Classification(100);
        var a = set.SplitTrainValidation(20, seed: 1);
        var b = set.SplitTrainValidation(20, seed: 1);
        var c = set.SplitTrainValidation(20, seed: 2);
        Assert.Equal(80, a.Train.Count);
        Assert.Equal(20, a.Validation.Count);
        Assert.Equal(a.Train.Features.ToArray(), b.Train.Features.ToArray());
        Assert.Equal(a.Validation.Labels.ToArray(), b.Validation.Labels.ToArray());
        Assert.NotEqual(a.Validation.Features.ToArray(), c.Validation.Features.ToArray());

        // Feature 0 of sample i is i: the two parts together hold each sample exactly once.
        var ids = a.Train.Features.ToArray().Where((_, k) => k % 3 == 0)
            .Concat(a.Validation.Features.ToArray().Where((_, k) => k % 3 == 0)).Select(v => (int)v).Order();
        Assert.Equal(Enumerable.Range(0, 100), ids);

        // The split is the seeded permutation: validation = its last 20 entries.
        var permutation = new SeededRandom(1).Permutation(100);
        Assert.Equal(permutation.Skip(80).Select(i => (float)i), a.Validation.Features.ToArray().Where((_, k) => k % 3 == 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.SplitTrainValidation(101, 1));
    }

    [Fact]
    public void SplitsRecordMovesValidationOutOfTrain()
    {
        var splits = new DatasetSplits(Classification(50), null, Classification(5));
        var withValidation = splits.WithValidation(10, seed: 3);
        Assert.Equal(40, withValidation.Train.Count);
        Assert.Equal(10, withValidation.Validation!.Count);
        Assert.Same(splits.Test, withValidation.Test);
    }
}
