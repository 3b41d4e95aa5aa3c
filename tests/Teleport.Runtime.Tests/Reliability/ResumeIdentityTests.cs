using System.IO;
using Teleport.Data;
using Teleport.Records;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Training;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// Issue 14, "resume lies": a checkpoint records the run's identity, its planned epochs and its data's
/// fingerprints, and a trainer that differs in any of them refuses to resume, naming the setting.
/// </summary>
public sealed class ResumeIdentityTests
{
    private static readonly DatasetSplits Data = TrainingTestData.SmallClassification(200, 40);

    private static TrainerOptions Options(string directory, int epochs = 2, RecordFields? identity = null) => new()
    {
        Epochs = epochs,
        BatchSize = 20,
        Seed = 3,
        CheckpointDirectory = directory,
        RunIdentity = identity ?? new RecordFields().Add("--lr", 0.1).Add("--teleport-cap", double.PositiveInfinity),
    };

    private static Trainer NewTrainer(TrainerOptions options, Dataset? train = null, double lr = 0.1)
    {
        var model = new SoftmaxRegression(20, 4).Initialize(3);
        return new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, lr), train ?? Data.Train, Data.Test, options);
    }

    private static string Checkpointed(TempDirectory dir, int epochs = 2)
    {
        Assert.Equal(TrainingStatus.Completed, NewTrainer(Options(dir.Path, epochs)).Run());
        return dir.Path;
    }

    [Fact]
    public void TheSameIdentityResumes()
    {
        using var dir = new TempDirectory();
        // +∞ is written as the string "Infinity" and still equals +∞ when read back.
        Assert.True(NewTrainer(Options(Checkpointed(dir))).TryResume());
    }

    [Fact]
    public void NoCapWrittenAsInfinityResumesUnderNoCapWrittenAsNull()
    {
        using var dir = new TempDirectory();
        // checkpoints from before the CLI wrote "no --teleport-cap" as null hold "Infinity": the same setting
        var identity = new RecordFields().Add("--lr", 0.1).Add("--teleport-cap", RecordValue.Null);
        Assert.True(NewTrainer(Options(Checkpointed(dir), identity: identity)).TryResume());

        // and a real cap is still refused against the old spelling
        var capped = new RecordFields().Add("--lr", 0.1).Add("--teleport-cap", 100.0);
        var e = Assert.Throws<CheckpointMismatchException>(() => NewTrainer(Options(dir.Path, identity: capped)).TryResume());
        Assert.Equal(("--teleport-cap", "Infinity", "100"), (e.Field, e.Saved, e.Current));
    }

    [Fact]
    public void ADifferentIdentityValueIsRefusedByName()
    {
        using var dir = new TempDirectory();
        var identity = new RecordFields().Add("--lr", 0.5).Add("--teleport-cap", double.PositiveInfinity);
        var e = Assert.Throws<CheckpointMismatchException>(() => NewTrainer(Options(Checkpointed(dir), identity: identity), lr: 0.5).TryResume());
        Assert.Equal(("--lr", "0.1", "0.5"), (e.Field, e.Saved, e.Current));
        Assert.Equal("trainer.json: was written with --lr 0.1, but this run has --lr 0.5", e.Message);
    }

    [Fact]
    public void AMissingOrExtraIdentityFieldIsRefused()
    {
        using var dir = new TempDirectory();
        var path = Checkpointed(dir);
        var extra = new RecordFields().Add("--lr", 0.1).Add("--teleport-cap", double.PositiveInfinity).Add("--split-seed", 2);
        Assert.Equal(("--split-seed", CheckpointMismatchException.NotRecorded, "2"), Fields(Assert.Throws<CheckpointMismatchException>(() => NewTrainer(Options(path, identity: extra)).TryResume())));
        var fewer = new RecordFields().Add("--lr", 0.1);
        Assert.Equal(("--teleport-cap", "Infinity", "none"), Fields(Assert.Throws<CheckpointMismatchException>(() => NewTrainer(Options(path, identity: fewer)).TryResume())));
    }

    [Fact]
    public void OtherDataOfTheSameSizeIsRefusedByItsFingerprint()
    {
        using var dir = new TempDirectory();
        var other = TrainingTestData.SmallClassification(200, 40, seed: 6).Train;
        var e = Assert.Throws<CheckpointMismatchException>(() => NewTrainer(Options(Checkpointed(dir)), other).TryResume());
        Assert.Equal("training_data", e.Field);
        Assert.Equal(Data.Train.Fingerprint(), e.Saved);
    }

    [Fact]
    public void FewerEpochsThanTheCheckpointedRunAreRefused()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<CheckpointMismatchException>(() => NewTrainer(Options(Checkpointed(dir, epochs: 2), epochs: 1)).TryResume());
        Assert.Equal(("epochs", "2", "1"), Fields(e));
        Assert.Contains("may train more epochs, never fewer", e.Message);
    }

    [Fact]
    public void MoreEpochsContinueBitIdenticallyToALongerRun()
    {
        using var reference = new TempDirectory();
        var longer = NewTrainer(Options(reference.Path, epochs: 3));
        Assert.Equal(TrainingStatus.Completed, longer.Run());

        using var dir = new TempDirectory();
        var resumed = NewTrainer(Options(Checkpointed(dir, epochs: 2), epochs: 3));
        Assert.True(resumed.TryResume());
        Assert.Equal(TrainingStatus.Completed, resumed.Run());
        TrainingTestData.AssertSameNumbers(longer.History, resumed.History);
        Assert.True(TrainingTestData.BitEqual(longer.Model.Parameters, resumed.Model.Parameters));
    }

    [Fact]
    public void ACheckpointWhosePositionLiesBeyondItsRunIsRefused()
    {
        using var dir = new TempDirectory();
        var latest = Checkpoints.FindLatest(Checkpointed(dir, epochs: 2))!;
        var state = Path.Combine(latest, Checkpoints.StateFileName);
        File.WriteAllText(state, File.ReadAllText(state).Replace("\"epoch_index\": 2", "\"epoch_index\": 5", System.StringComparison.Ordinal));
        var e = Assert.Throws<TeleportDataException>(() => NewTrainer(Options(dir.Path, epochs: 9)).TryResume());
        Assert.Contains("beyond the 2 epochs of its run", e.Message);
    }

    [Fact]
    public void AVersionOneCheckpointIsRefusedWithAReason()
    {
        using var dir = new TempDirectory();
        var latest = Checkpoints.FindLatest(Checkpointed(dir))!;
        var state = Path.Combine(latest, Checkpoints.StateFileName);
        var text = File.ReadAllText(state);
        Assert.Matches("\"version\": [0-9]+,", text);
        File.WriteAllText(state, System.Text.RegularExpressions.Regex.Replace(text, "\"version\": [0-9]+,", "\"version\": 1,"));
        var e = Assert.Throws<TeleportDataException>(() => NewTrainer(Options(dir.Path)).TryResume());
        Assert.Contains("predates the record of its settings and data", e.Message);
    }

    [Fact]
    public void AFingerprintDependsOnEveryValueAndOnNothingElse()
    {
        var a = SyntheticClassification.Create(50, 10, 4).Train;
        var b = SyntheticClassification.Create(50, 10, 4).Train;
        Assert.Equal(a.Fingerprint(), b.Fingerprint());
        Assert.Matches("^[0-9a-f]{16}$", a.Fingerprint());
        var features = a.Features.ToArray();
        features[123] = System.MathF.BitIncrement(features[123]);
        var changed = Dataset.Classification("x", features, a.FeatureCount, a.Labels.ToArray(), a.ClassCount);
        Assert.NotEqual(a.Fingerprint(), changed.Fingerprint());
        var labels = a.Labels.ToArray();
        labels[7] = (labels[7] + 1) % a.ClassCount;
        Assert.NotEqual(a.Fingerprint(), Dataset.Classification("x", a.Features.ToArray(), a.FeatureCount, labels, a.ClassCount).Fingerprint());
        Assert.NotEqual(a.Fingerprint(), a.Slice(0, 49).Fingerprint());
    }

    private static (string, string, string) Fields(CheckpointMismatchException e) => (e.Field, e.Saved, e.Current);
}
