using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>What a training step reads with vector loads starts on a 64-byte boundary (see <c>AlignedArray</c>).</summary>
public sealed class AlignedStorageTests
{
    private static unsafe long Address<T>(ReadOnlySpan<T> span) where T : unmanaged =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));

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
            : Dataset.Classification("rows", Pixels.ToUnitFloats(bytes), features, labels, 3);
        // Several sources, so that one lucky address cannot pass the test.
        for (var s = 0; s < 16; s++)
        {
            var source = new BatchSource(set, 5 + s, order, seed: s);
            source.StartEpoch(0);
            source.Select(0);
            Assert.Equal(0, Address(source.Inputs) % 64);
        }
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
                foreach (var buffer in optimizer.Buffers) Assert.Equal(0, Address<float>(buffer.Values) % 64);
            }
        }
        var data = TrainingTestData.Classification(60, 20);
        for (var s = 0; s < 8; s++)
        {
            var model = new SoftmaxRegression().Initialize(s);
            var trainer = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length, 1e-3), data.Train, null, new TrainerOptions { Epochs = 1, BatchSize = 20 });
            Assert.Equal(0, Address(trainer.Gradient) % 64);
        }
    }
}
