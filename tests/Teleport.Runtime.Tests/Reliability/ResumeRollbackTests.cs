using System;
using System.Buffers.Binary;
using System.IO;
using Teleport.Data;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Training;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// A resume that a callback refuses changes nothing: the optimizer and the callbacks restored before the refusal are put
/// back, so that a caller who trains on after the error (from the start) does not continue a mixture of two runs.
/// </summary>
public sealed class ResumeRollbackTests
{
    [Fact]
    public void ACallbackThatRefusesItsStateLeavesTheTrainerAsItWas()
    {
        // The checkpoint's optimizer state (Adam's step count and moments) was kept under the old parameters and position,
        // and the callbacks before the refusing one kept the checkpoint's counters.
        using var temp = new TempDirectory();
        var data = TrainingTestData.SmallClassification(100, 10);
        var options = new TrainerOptions { Epochs = 2, BatchSize = 20, CheckpointDirectory = temp.Path };
        var written = new Trainer(new SoftmaxRegression(20, 4).Initialize(1), TrainingTestData.Adam(84), data.Train, null,
            options with { Epochs = 1 }, [new Counter("first", 7), new Counter("second", 9)]);
        Assert.Equal(TrainingStatus.Completed, written.Run());

        var model = new SoftmaxRegression(20, 4).Initialize(2);
        var parameters = model.Parameters.ToArray();
        var optimizer = TrainingTestData.Adam(84);
        var first = new Counter("first", 0);
        var trainer = new Trainer(model, optimizer, data.Train, null, options, [first, new Counter("second", 0) { Refuses = true }]);

        var error = Assert.Throws<TeleportDataException>(() => trainer.TryResume());
        Assert.Contains("\"second\"", error.Message);
        Assert.Equal(0, optimizer.StepCount);
        foreach (var buffer in optimizer.Buffers) Assert.All(buffer.Values.ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(0, first.Count);
        Assert.Equal(parameters, model.Parameters.ToArray());
        Assert.Equal(0, trainer.GlobalStep);
    }

    /// <summary>A checkpointed counter; <see cref="Refuses"/> refuses any saved state but its own current one.</summary>
    private sealed class Counter(string key, int count) : ICheckpointableCallback
    {
        public string StateKey => key;

        public int Count { get; private set; } = count;

        public bool Refuses { get; init; }

        public byte[] SaveState()
        {
            var state = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(state, Count);
            return state;
        }

        public void LoadState(ReadOnlySpan<byte> state)
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(state);
            if (Refuses && value != Count) throw new InvalidDataException($"a count of {value}, not this run's");
            Count = value;
        }
    }
}
