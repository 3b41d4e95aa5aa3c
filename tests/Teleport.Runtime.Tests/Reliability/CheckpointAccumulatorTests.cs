using System.IO;
using System.Text.RegularExpressions;
using Teleport.Data;
using Teleport.Runtime.Tests.Data;
using Teleport.Testing;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// A checkpoint's <c>trainer.json</c> edited to a time or sum no run writes (found by a bad-input sweep): wall_seconds −1
/// resumed and printed −0.98 s, NaN in epoch_loss_sum resumed and recorded a NaN epoch loss. A resume now refuses them,
/// naming the file, the field and the value; a run that does not stop on divergence still resumes from NaN sums, which it
/// may have written itself.
/// </summary>
public sealed class CheckpointAccumulatorTests
{
    [Theory]
    [InlineData("position", "wall_seconds", "-1", true, "has wall_seconds -1, which is not a training time (finite and ≥ 0)")]
    [InlineData("position", "wall_seconds", "\"NaN\"", false, "has wall_seconds NaN, which is not a training time (finite and ≥ 0)")]
    [InlineData("position", "wall_seconds", "\"Infinity\"", true, "has wall_seconds Infinity, which is not a training time")]
    [InlineData("accumulators", "epoch_grad_norm_sq_sum", "-2.5", false, "has epoch_grad_norm_sq_sum -2.5, below 0 (a sum of squares)")]
    [InlineData("accumulators", "epoch_loss_sum", "\"NaN\"", true, "has epoch_loss_sum NaN, which no run that stops on divergence accumulates (finite)")]
    [InlineData("accumulators", "epoch_grad_norm_sq_sum", "\"Infinity\"", true, "has epoch_grad_norm_sq_sum Infinity, which no run that stops on divergence accumulates")]
    [InlineData("accumulators", "window_loss_sum", "\"-Infinity\"", true, "has window_loss_sum -Infinity, which no run that stops on divergence accumulates")]
    public void AResumeRefusesATimeOrSumNoRunWrites(string section, string field, string value, bool stopOnDivergence, string expected)
    {
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, section, field, value, stopOnDivergence);
        CorruptFileTests.AssertResumeRefused(data, options, Checkpoints.StateFileName, expected);
    }

    [Theory]
    [InlineData("train_loss", "\"NaN\"", true, "has epoch 1's train_loss NaN, which no run that stops on divergence records (finite)")]
    [InlineData("grad_norm_sq", "\"Infinity\"", true, "has epoch 1's grad_norm_sq Infinity, which no run that stops on divergence records (finite)")]
    [InlineData("test_loss", "\"NaN\"", true, "has epoch 1's test_loss NaN, which no run that stops on divergence records (finite)")]
    [InlineData("wall_seconds", "-3", false, "has epoch 1's wall_seconds -3, which is not a training time (finite and ≥ 0)")]
    public void AResumeRefusesAnEpochRecordNoRunWrites(string field, string value, bool stopOnDivergence, string expected)
    {
        // The sweep: a resume from a NaN loss sum, before that was refused, left an epoch whose train_loss was NaN in the
        // history; every later resume printed it as the run's final loss.
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, "epochs", field, value, stopOnDivergence, array: true);
        CorruptFileTests.AssertResumeRefused(data, options, Checkpoints.StateFileName, expected);
    }

    [Fact]
    public void ATrainerThatDoesNotStopOnDivergenceResumesFromANaNEpochLoss()
    {
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, "epochs", "train_loss", "\"NaN\"", stopOnDivergence: false, array: true);
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
    }

    [Theory]
    [InlineData("epoch_loss_sum")]
    [InlineData("window_loss_sum")]
    public void ATrainerThatDoesNotStopOnDivergenceResumesFromNaNSums(string field)
    {
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, "accumulators", field, "\"NaN\"", stopOnDivergence: false);
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
    }

    [Fact]
    public void TheCheckpointAsWrittenResumes()
    {
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, "position", "wall_seconds", "0", stopOnDivergence: true);
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
    }

    /// <summary>A checkpoint in the second epoch whose <paramref name="section"/>.<paramref name="field"/> is set to the JSON <paramref name="value"/>.</summary>
    private static (DatasetSplits Data, TrainerOptions Options) Edited(TempDirectory dir, string section, string field, string value, bool stopOnDivergence, bool array = false)
    {
        var (data, options, checkpoint) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence);
        var path = Path.Combine(checkpoint, Checkpoints.StateFileName);
        var text = File.ReadAllText(path);
        // The field in the section's object (its first element when the section is an array: epoch 1).
        var pattern = new Regex($"(\"{section}\":\\s*{(array ? "\\[\\s*" : "")}\\{{[^}}]*?\"{field}\":\\s*)[^,}}\\s]+");
        Assert.Matches(pattern, text);
        File.WriteAllText(path, pattern.Replace(text, m => m.Groups[1].Value + value, 1));
        // Resealed, as a deliberate edit is: the check under test is another than SHA256SUMS's, which comes last.
        CheckpointSumsFile.Reseal(checkpoint);
        return (data, options);
    }
}
