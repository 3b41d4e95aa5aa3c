using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

/// <summary>FeatureArrays: arrays of the asked length (the huge-page advice, where it applies, changes no value).</summary>
public class FeatureArraysTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(784)]
    [InlineData(3_000_000)]
    public void CreatesAnArrayOfTheLengthThatHoldsWhatIsWritten(int length)
    {
        var array = FeatureArrays.Create<float>(length);
        Assert.Equal(length, array.Length);
        for (var i = 0; i < length; i++) array[i] = i * 0.5f;
        for (var i = 0; i < length; i += 997) Assert.Equal(i * 0.5f, array[i]);
    }

    [Fact]
    public void ASubsetCopiesTheSamplesIntoAnAdvisedArray()
    {
        var features = new float[4000 * 784];
        var labels = new int[4000];
        for (var i = 0; i < features.Length; i++) features[i] = i % 251;
        for (var i = 0; i < labels.Length; i++) labels[i] = i % 10;
        var set = Dataset.Classification("set", features, 784, labels, 10);
        var subset = set.Subset([3999, 0, 17]);
        Assert.Equal(set.FeatureRows(3999, 1).ToArray(), subset.FeatureRows(0, 1).ToArray());
        Assert.Equal(set.FeatureRows(0, 1).ToArray(), subset.FeatureRows(1, 1).ToArray());
        Assert.Equal(set.FeatureRows(17, 1).ToArray(), subset.FeatureRows(2, 1).ToArray());
    }
}
