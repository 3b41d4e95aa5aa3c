using System;
using System.Collections.Generic;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

/// <summary>
/// Image data sets keep their bytes and gather batches from them: every gathered value must equal the float
/// feature (byte / 255, torchvision's ToTensor) bit for bit, through subsets, splits and concatenation. Runs alone: one
/// test switches the process-wide <see cref="Teleport.Training.BatchSource.AskAhead"/>.
/// </summary>
[Collection(nameof(Kernels.GlobalKernelSettings))]
public class PixelBatchTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(256)]
    [InlineData(256 + 33)]
    [InlineData(64 + 48 + 5)]
    [InlineData(784)] // a Fashion-MNIST row: 12 blocks and one step
    public void VectorConversionEqualsTheScalarQuotientForEveryByte(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)(i * 7 + 3);
        var floats = new float[length + 1];
        floats[length] = -1f;
        Pixels.ToUnitFloats(bytes, floats);
        for (var i = 0; i < length; i++) Assert.Equal(BitConverter.SingleToInt32Bits(bytes[i] / 255f), BitConverter.SingleToInt32Bits(floats[i]));
        Assert.Equal(-1f, floats[length]);
    }

    /// <summary>Each vector path (forced on this thread; a path the machine lacks falls to the next) and the table, every byte at every lane.</summary>
    [Theory]
    [InlineData("Auto")]
    [InlineData("Vector256")]
    [InlineData("Scalar")]
    public void EveryPathConvertsEveryByteAtEveryLaneExactly(string width)
    {
        using var scope = new Teleport.Runtime.Tests.Kernels.KernelScope(Enum.Parse<Teleport.Kernels.SimdWidth>(width));
        var bytes = new byte[256 * 17 + 5];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 7 + i / 256);
        var floats = new float[bytes.Length];
        Pixels.ToUnitFloats(bytes, floats);
        for (var i = 0; i < bytes.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(bytes[i] / 255f) == BitConverter.SingleToInt32Bits(floats[i]), $"{width}: byte {bytes[i]} at {i}: {floats[i]:R}");
    }

    /// <summary>In data-set order a byte image set's batches are copied from its bytes: the same values as its float rows, and labels.</summary>
    [Fact]
    public void SequentialBatchesOfByteImagesEqualTheFeatureRows()
    {
        const int count = 53, features = 45, batch = 20;
        var pixels = new byte[count * features];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)((i * 131) >> 2);
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = (i * 3) % 10;
        var set = Dataset.FromPixels("images", pixels, features, labels, 10, [1, 5, 9]);
        var source = new Teleport.Training.BatchSource(set, batch, Teleport.Training.BatchOrder.Sequential, seed: 1);
        source.StartEpoch(0);
        for (var b = 0; b < source.BatchCount; b++)
        {
            source.Select(b);
            var start = b * batch;
            Assert.Equal(Math.Min(batch, count - start), source.Count);
            Assert.Equal(set.FeatureRows(start, source.Count).ToArray(), source.Inputs.ToArray());
            Assert.Equal(set.LabelRange(start, source.Count).ToArray(), source.Targets.Labels.ToArray());
        }
    }

    /// <summary>A byte image set, and every set made from it, holds no float features until something asks for them; batches never do.</summary>
    [Fact]
    public void FloatFeaturesAreMadeOnlyWhenAskedFor()
    {
        const int count = 120, features = 45;
        var pixels = new byte[count * features];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 37);
        var labels = new int[count];
        var set = Dataset.FromPixels("images", pixels, features, labels, 10, [1, 5, 9]);
        var split = set.SplitTrainValidation(20, seed: 1);
        var joined = Dataset.Concatenate("joined", split.Train, split.Validation!);
        var batch = new float[4 * features];
        foreach (var data in new[] { set, split.Train, split.Validation!, joined, set.Slice(3, 9) })
        {
            data.CopyBatch([0, 2, 1, 0], batch, new int[4]);
            var source = new Teleport.Training.BatchSource(data, 7, Teleport.Training.BatchOrder.Sequential, seed: 1);
            source.StartEpoch(0);
            source.Select(0);
            Assert.False(data.HasFeatureArray, data.Name);
            Assert.Equal(pixels.Length / count * data.Count, data.Features.Length);
            Assert.True(data.HasFeatureArray, data.Name);
            Assert.Equal(batch.AsSpan(0, features).ToArray(), data.FeatureRow(0).ToArray());
        }
    }

    /// <summary>Threads asking for the features at once all get the one array that is kept, with the right values.</summary>
    [Fact]
    public void ConcurrentFirstUseKeepsOneConversion()
    {
        const int count = 2_000, features = 100;
        var pixels = new byte[count * features];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 13 + 1);
        var set = Dataset.FromPixels("images", pixels, features, new int[count], 10, [features]);
        var seen = new float[8][];
        System.Threading.Tasks.Parallel.For(0, seen.Length, t => seen[t] = set.Features.ToArray());
        var kept = set.Features;
        foreach (var values in seen) Assert.Equal(kept.ToArray(), values);
        for (var i = 0; i < pixels.Length; i += 97) Assert.Equal(pixels[i] / 255f, kept[i]);
    }

    [Fact]
    public void EveryByteValueIsConvertedExactly()
    {
        var bytes = new byte[256];
        for (var i = 0; i < 256; i++) bytes[i] = (byte)i;
        var floats = UnitFloats(bytes);
        for (var i = 0; i < 256; i++) Assert.Equal(i / 255f, floats[i]);
    }

    [Fact]
    public void ATooShortDestinationIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Pixels.ToUnitFloats(new byte[20], new float[19]));
        Assert.Contains("20 pixels", e.Message);
    }

    [Fact]
    public void GatheredBatchesEqualTheFeatureRowsThroughSplitsSubsetsAndConcatenation()
    {
        const int count = 300, features = 45;
        var pixels = new byte[count * features];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)((i * 131) >> 3);
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = i % 10;
        var set = Dataset.FromPixels("images", pixels, features, labels, 10, [1, 5, 9]);
        var split = set.SplitTrainValidation(100, seed: 3);
        var joined = Dataset.Concatenate("joined", split.Train, split.Validation!, set.Slice(10, 20));
        foreach (var data in new[] { set, split.Train, split.Validation!, joined, set.Subset([299, 0, 150]) })
        {
            // Runs of consecutive samples (converted as one block of bytes) between single ones.
            int[] indices = [data.Count - 1, 0, 1, 2, data.Count / 2, data.Count / 2 + 1, 1];
            var gathered = new float[indices.Length * features];
            var gatheredLabels = new int[indices.Length];
            data.CopyBatch(indices, gathered, gatheredLabels);
            for (var r = 0; r < indices.Length; r++)
            {
                Assert.Equal(data.FeatureRow(indices[r]).ToArray(), gathered.AsSpan(r * features, features).ToArray());
                Assert.Equal(data.Label(indices[r]), gatheredLabels[r]);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AskingForTheNextBatchChangesNoValue(bool bytes)
    {
        // Upcoming rows of any length, with indices outside the set (skipped), in byte and float sets.
        const int count = 30, features = 70;
        var random = new Random(5);
        var pixels = new byte[count * features];
        random.NextBytes(pixels);
        var labels = new int[count];
        var set = bytes ? Dataset.FromPixels("images", pixels, features, labels, 10) : Dataset.Classification("floats", UnitFloats(pixels), features, labels, 10);
        int[] indices = [4, 5, 6, 29, 0, 17, 17, 18];
        var expected = new float[indices.Length * features];
        set.CopyBatch(indices, expected, new int[indices.Length]);
        foreach (var upcoming in new[] { Array.Empty<int>(), [3], [1, 2, 3, 4, 5, 6, 7, 8], [-1, 30, int.MaxValue, int.MinValue, 29] })
        {
            var actual = new float[expected.Length];
            set.CopyBatch(indices, actual, new int[indices.Length], upcoming);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(Teleport.Training.BatchOrder.Sequential)]
    [InlineData(Teleport.Training.BatchOrder.Shuffled)]
    public void BatchesAreTheSameWhetherOrNotTheNextOneIsAskedForAhead(Teleport.Training.BatchOrder order)
    {
        const int count = 47, features = 33, batch = 10;
        var pixels = new byte[count * features];
        new Random(2).NextBytes(pixels);
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = i % 10;
        var set = Dataset.FromPixels("images", pixels, features, labels, 10);
        float[][] Batches(bool ahead)
        {
            var saved = Teleport.Training.BatchSource.AskAhead;
            Teleport.Training.BatchSource.AskAhead = ahead;
            try
            {
                var source = new Teleport.Training.BatchSource(set, batch, order, seed: 3);
                var all = new List<float[]>();
                for (var epoch = 0; epoch < 2; epoch++)
                {
                    source.StartEpoch(epoch);
                    for (var b = 0; b < source.BatchCount; b++)
                    {
                        source.Select(b);
                        all.Add(source.Inputs.ToArray());
                    }
                }
                return [.. all];
            }
            finally
            {
                Teleport.Training.BatchSource.AskAhead = saved;
            }
        }
        Assert.Equal(Batches(false), Batches(true));
    }

    [Fact]
    public void PixelsThatDoNotMatchTheLabelsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Dataset.FromPixels("images", new byte[10 * 4], 4, new int[9], 10, [4]));
        Assert.Contains("9 labels for 10 samples", e.Message);
    }

    [Fact]
    public void ThePublicFactoryChecksItsInputAndDefaultsTheShape()
    {
        var set = Dataset.FromPixels("images", [0, 51, 255, 1, 2, 3], 3, [0, 1], 2);
        Assert.Equal([3], set.SampleShape);
        Assert.Equal([0f, 0.2f, 1f], set.FeatureRow(0).ToArray());
        Assert.Throws<ArgumentNullException>(() => Dataset.FromPixels("images", null!, 3, [0, 1], 2));
        Assert.Throws<ArgumentException>(() => Dataset.FromPixels("images", new byte[7], 3, [0, 1], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dataset.FromPixels("images", new byte[6], 3, [0, 2], 2));
    }

    /// <summary>Each byte b as the float b / 255, in a new array.</summary>
    internal static float[] UnitFloats(byte[] bytes)
    {
        var floats = new float[bytes.Length];
        Pixels.ToUnitFloats(bytes, floats);
        return floats;
    }
}
