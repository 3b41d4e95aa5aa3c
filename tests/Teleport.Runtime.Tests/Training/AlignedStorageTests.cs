using System;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Training;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Training;

/// <summary>What a training step reads with vector loads starts on a 64-byte boundary (see <c>AlignedArray</c>).</summary>
public sealed class AlignedStorageTests
{
    [Theory]
    [InlineData(BatchOrder.Shuffled, false)]
    [InlineData(BatchOrder.Sequential, true)]
    [InlineData(BatchOrder.Shuffled, true)]
    public void CopiedBatchesStartOnACacheLine(BatchOrder order, bool pixels)
    {
        const int count = 41, features = 13;
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = i % 3;
        var bytes = new byte[count * features];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 29);
        var set = pixels
            ? Dataset.FromPixels("images", bytes, features, labels, 3)
            : Dataset.Classification("rows", Teleport.Runtime.Tests.Data.PixelBatchTests.UnitFloats(bytes), features, labels, 3);
        // Several sources, so that one lucky address cannot pass the test.
        for (var s = 0; s < 16; s++)
        {
            var source = new BatchSource(set, 5 + s, order, seed: s);
            source.StartEpoch(0);
            source.Select(0);
            Assert.Equal(0, CacheLines.OffsetOf(source.Inputs));
        }
    }

    /// <summary>
    /// Every data set Teleport makes keeps its float features on a boundary (a step reads rows of 784 floats in
    /// place, 49 whole cache lines each); a caller's array is taken over as it is, not copied.
    /// </summary>
    [Fact]
    public void FeaturesTeleportMakesStartOnACacheLineAndACallersArrayIsKept()
    {
        var synthetic = SyntheticClassification.Create(120, 1, 1, new SyntheticClassificationOptions { FeatureCount = 784, ClassCount = 10 });
        var bytes = new byte[30 * 16];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 13);
        var labels = new int[30];
        var images = Dataset.FromPixels("images", bytes, 16, labels, 2);
        var sets = new[]
        {
            synthetic.Train, synthetic.Test, synthetic.Train.Subset([5, 1, 2]), synthetic.Train.Slice(3, 7),
            synthetic.Train.SplitTrainValidation(10, 1).Train, Dataset.Concatenate("both", synthetic.Train, synthetic.Test),
            SyntheticRegression.Create([5, 3, 2], 40, 1), images,
            CsvDataset.Parse(new System.IO.StringReader("x,y,z\n0.5,1,2\n1.5,0,3\n"), "inline.csv", new CsvOptions { Targets = ["z"] }),
        };
        foreach (var set in sets) Assert.True(CacheLines.OffsetOf(set.Features) == 0, set.Name);
        // The rows stay the values they were: the subset's rows are the source's rows.
        Assert.Equal(synthetic.Train.FeatureRow(5).ToArray(), sets[2].FeatureRow(0).ToArray());
        Assert.Equal(Teleport.Runtime.Tests.Data.PixelBatchTests.UnitFloats(bytes), images.Features.ToArray());

        var mine = new float[2 * 3];
        var taken = Dataset.Classification("mine", mine, 3, [0, 1], 2);
        mine[4] = 7f;
        Assert.Equal(7f, taken.FeatureRow(1)[1]);
    }

    [Fact]
    public void OptimizerStateAndTheTrainersGradientStartOnACacheLine()
    {
        for (var length = 3; length < 200; length += 11)
        {
            foreach (var kind in new[] { OptimizerKind.AdaGrad, OptimizerKind.Adam, OptimizerKind.RmsProp })
            {
                var optimizer = OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = 1e-3 }, length);
                optimizer.Step(new float[length], new float[length]);
                foreach (var buffer in optimizer.Buffers) Assert.Equal(0, CacheLines.OffsetOf<float>(buffer.Values));
            }
        }
        var data = TrainingTestData.Classification(60, 20);
        for (var s = 0; s < 8; s++)
        {
            var model = new SoftmaxRegression().Initialize(s);
            var trainer = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length, 1e-3), data.Train, null, new TrainerOptions { Epochs = 1, BatchSize = 20 });
            Assert.Equal(0, CacheLines.OffsetOf(trainer.Gradient));
        }
    }
}
