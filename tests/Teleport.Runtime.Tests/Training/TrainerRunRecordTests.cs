using System;
using System.IO;
using Teleport.Records;
using Teleport.Runtime.Tests.Data;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TrainerRunRecordTests
{
    [Fact]
    public void AHistoryBecomesARunRecordFileThatReadsBack()
    {
        var data = TrainingTestData.SmallClassification(230, 40);
        var model = new SoftmaxRegression(20, 4).Initialize(3);
        var optimizer = TrainingTestData.Adam(model.Parameters.Length);
        var options = new TrainerOptions { Epochs = 2, LossTraceInterval = 5, Order = BatchOrder.Shuffled, Seed = 3 };
        var trainer = new Trainer(model, optimizer, data.Train, data.Test, options, [new FakeTeleport(5, 2)]);
        trainer.Run();

        var config = options.Describe().Add("optimizer", OptimizerFields.Describe(optimizer));
        var record = trainer.History.ToRunRecord(config, new RecordFields().Add("final_test_accuracy", trainer.History.Epochs[^1].TestAccuracy!.Value));
        using var dir = new TempDirectory();
        var path = dir.File("run.json");
        RunRecordJson.Write(path, record);
        var back = RunRecordJson.Read(path);

        Assert.Equal(record.Epochs, back.Epochs);
        Assert.Equal(record.Teleports, back.Teleports);
        Assert.Equal(record.LossTrace, back.LossTrace);
        Assert.Equal(config, back.Config);
        Assert.Equal("shuffled", back.Config["order"].String);
        Assert.Equal(2, back.Teleports.Count);
        Assert.Equal(5, back.Teleports[0].Step);
        Assert.Equal(1, back.Teleports[0].Epoch);
        Assert.True(back.Teleports[0].Extra.ContainsKey("factor"));
        Assert.Equal(6, back.LossTrace.Count);   // 12 steps per epoch: windows end at steps 5, 10, 12, 17, 22, 24
        Assert.Equal([5L, 10L, 12L, 17L, 22L, 24L], Array.ConvertAll([.. back.LossTrace], p => p.Step));
        Assert.Contains("\"test_accuracy\":", File.ReadAllText(path));
    }

    [Fact]
    public void ARunningTrainerCannotBeCheckpointedFromACallback()
    {
        using var dir = new TempDirectory();
        var data = TrainingTestData.SmallClassification(40, 10);
        var model = new SoftmaxRegression(20, 4).Initialize(3);
        Trainer? trainer = null;
        var probe = new CheckpointFromCallback(() => trainer!.SaveCheckpoint());
        trainer = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length), data.Train, null,
            new TrainerOptions { CheckpointDirectory = dir.Path }, [probe]);
        Assert.Throws<InvalidOperationException>(() => trainer.Run());
        Assert.Null(Checkpoints.FindLatest(dir.Path));

        var idle = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length), data.Train, null,
            new TrainerOptions { CheckpointDirectory = dir.Path });
        Assert.EndsWith("-step-000000000000", idle.SaveCheckpoint());
    }

    private sealed class CheckpointFromCallback(Action save) : ITrainingCallback
    {
        public void OnBatchStart(TrainingContext context) => save();
    }
}
