using System;
using System.Linq;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

/// <summary>The real data set, installed by the Debian package dataset-fashion-mnist (CI installs it).</summary>
public class FashionMnistTests
{
    private static readonly Lazy<DatasetSplits> Data = new(() => FashionMnist.Load());

    [FashionMnistFact]
    public void LoadsTheOfficialSets()
    {
        var data = Data.Value;
        Assert.True(FashionMnist.IsInstalled());
        Assert.Equal(60_000, data.Train.Count);
        Assert.Equal(10_000, data.Test.Count);
        Assert.Equal(784, data.Train.FeatureCount);
        Assert.Equal([1, 28, 28], data.Train.SampleShape);
        Assert.Equal(9, data.Train.Label(0)); // the first training image is an ankle boot
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[data.Train.Label(0)]);
        Assert.Equal(9, data.Test.Label(0));
    }

    [FashionMnistFact]
    public void PixelsAreInTheUnitIntervalAndClassesBalanced()
    {
        var data = Data.Value;
        var features = data.Train.Features;
        float min = float.MaxValue, max = float.MinValue;
        double sum = 0;
        foreach (var v in features)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
        }
        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
        Assert.InRange(sum / features.Length, 0.27, 0.31); // the well-known mean 0.2860
        var counts = new int[10];
        foreach (var label in data.Train.Labels) counts[label]++;
        Assert.All(counts, c => Assert.Equal(6000, c));
    }

    [FashionMnistFact]
    public void PaperSplitIsFiftyTenThousandAndSeeded()
    {
        var a = Data.Value.WithValidation(FashionMnist.PaperValidationCount, seed: 1);
        var b = Data.Value.WithValidation(FashionMnist.PaperValidationCount, seed: 1);
        Assert.Equal(50_000, a.Train.Count);
        Assert.Equal(10_000, a.Validation!.Count);
        Assert.Equal(10_000, a.Test.Count);
        Assert.True(a.Validation.Labels.SequenceEqual(b.Validation!.Labels));
        Assert.True(a.Validation.FeatureRow(123).SequenceEqual(b.Validation.FeatureRow(123)));
    }
}
