using System.IO;
using Teleport.Training;

namespace Teleport.Cli.Tests;

/// <summary>
/// Issue 14: divergence reports failure (exit 3) and writes nothing; a resume continues only the run that wrote the
/// checkpoint; a schedule that can never complete is a usage error; a data set too small for the paper's split
/// names the file and the sizes.
/// </summary>
public sealed class RunSafetyTests
{
    [Fact]
    public void AHugeLearningRateDivergesWithExitCodeThreeAndWritesNothing()
    {
        using var dir = new TempFolder();
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--lr", "1e30", "--out", dir.File("run.json"), "--save-model", dir.File("m.safetensors"), "--report", dir.File("report")]);
        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^teleport: training diverged: the (training loss|gradient) became (NaN|\+∞|−∞) at epoch \d+, batch \d+ \(after \d+ steps?\) with sgd lr 1E\+30 \(try a lower --lr\); nothing was written$", line);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AMomentumOfOneOrMoreIsNamedAsTheCauseNotTheLearningRate()
    {
        // The bad-input sweep: --momentum 1e30 diverged with the hint "try a lower --lr".
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--momentum", "1e30"]);
        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"with sgd lr 0\.01, momentum 1E\+30 \(a momentum of 1 or more grows the velocity without bound: try --momentum below 1\); nothing was written$", line);
    }

    [Fact]
    public void CompareStopsAtTheFirstArmThatDiverges()
    {
        var run = CliRun.Of([.. Small.Args("compare", Small.Synthetic), "--epochs", "1", "--lr", "1e30"]);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("training diverged in the baseline run", run.Error);
    }

    [Fact]
    public void DivergenceKeepsTheLastCheckpointAndSaysWhere()
    {
        using var dir = new TempFolder();
        var checkpoint = dir.File("ckpt");
        // A checkpoint after every step: the run diverges a few steps in, and the checkpoints written before stay.
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "3", "--lr", "1e30", "--checkpoint-every", "1", "--checkpoint", checkpoint]);
        Assert.Equal(3, run.ExitCode);
        var latest = Checkpoints.FindLatest(checkpoint);
        Assert.NotNull(latest);
        Assert.EndsWith($"; the last checkpoint before it is {latest}", run.Error.Trim());
    }

    [Fact]
    public void TheLargestBatchSizeTrainsOneBatchPerEpoch()
    {
        // Issue 14: --batch-size 2147483647 gave epochs of no batches and NaN losses with exit code 0.
        using var dir = new TempFolder();
        var path = dir.File("run.json");
        CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--batch-size", "2147483647", "--out", path]).Succeeded();
        var epoch = CliRun.Json(path).GetProperty("epochs")[0];
        Assert.Equal(1, epoch.GetProperty("steps").GetInt64());
        Assert.True(double.IsFinite(epoch.GetProperty("train_loss").GetDouble()));
    }

    [Theory]
    [InlineData("--lr", "0.5", "--lr 0.01, but this command has --lr 0.5")]
    [InlineData("--teleport-lr", "0.9", "--teleport-lr 0.5, but this command has --teleport-lr 0.9")]
    [InlineData("--split-seed", "2", "--split-seed 1, but this command has --split-seed 2")]
    [InlineData("--optimizer-state", "reset", "--optimizer-state transport, but this command has --optimizer-state reset")]
    [InlineData("--epochs", "1", "--epochs 2, but this command has --epochs 1; resume with at least as many --epochs")]
    [InlineData("--limit-train", "200", "--limit-train 300, but this command has --limit-train 200")]
    public void AResumeWithOtherSettingsIsRefusedByName(string option, string value, string message) =>
        AssertResumeRefusedByName(Small.Teleports, option, value, message);

    [Theory]
    [InlineData("group", "--teleport-method", "level-set", "--teleport-method group, but this command has --teleport-method level-set")]
    [InlineData("level-set", "--teleport-method", "null-space", "--teleport-method level-set, but this command has --teleport-method null-space")]
    [InlineData("level-set", "--level-set-rho", "0.2", "--level-set-rho 0.1, but this command has --level-set-rho 0.2")]
    [InlineData("level-set", "--level-set-steps", "3", "--level-set-steps 10, but this command has --level-set-steps 3")]
    [InlineData("level-set", "--level-set-mode", "level", "--level-set-mode sub-level, but this command has --level-set-mode level")]
    [InlineData("level-set", "--level-set-line-search", "off", "--level-set-line-search true, but this command has --level-set-line-search false")]
    [InlineData("level-set", "--level-set-restorations", "0", "--level-set-restorations 5, but this command has --level-set-restorations 0")]
    [InlineData("null-space", "--null-space-tau", "0.5", "--null-space-tau 0.99, but this command has --null-space-tau 0.5")]
    public void AResumeWithAnotherTeleportMethodOrItsSettingsIsRefusedByName(string method, string option, string value, string message) =>
        // These decide the numbers as much as --teleport-lr does; an audit found them missing from the run's identity, so
        // such a resume went on with the other method and its record named only that one. (Small.Teleports without
        // --teleport-lr, which the level-set method does not take.)
        AssertResumeRefusedByName(
            ["--teleport-epochs", "1", "--teleport-count", "2", "--teleport-every", "7", "--teleport-batch", "60", "--teleport-method", method],
            option, value, message);

    /// <summary>
    /// A run with <paramref name="teleports"/> stopped after 17 steps; resuming it with <paramref name="option"/>
    /// <paramref name="value"/> is a one-line usage error containing <paramref name="message"/> that writes no record, and the
    /// run's own settings still resume (more epochs continue it).
    /// </summary>
    private static void AssertResumeRefusedByName(string[] teleports, string option, string value, string message)
    {
        using var dir = new TempFolder();
        string[] Args(params string[] more) =>
            [.. Small.Args("train", Small.Synthetic, teleports), "--epochs", "2", "--checkpoint", dir.File("ckpt"), "--out", dir.File("run.json"), .. more];
        Assert.Equal(130, CliRun.Of([.. Args(), "--stop-after-steps", "17"]).ExitCode);

        var run = CliRun.Of(ReplaceOrAdd(Args("--resume"), option, value));
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"teleport: --resume: the checkpoint in {dir.File("ckpt")} was written with ", line);
        Assert.Contains(message, line);
        Assert.False(File.Exists(dir.File("run.json")));
        CliRun.Of(ReplaceOrAdd(Args("--resume"), "--epochs", "3")).Succeeded();
    }

    [Fact]
    public void AResumeFromACheckpointThatDoesNotRecordTheTeleportMethodIsRefusedAsSuch()
    {
        // A checkpoint written before --teleport-method was part of a run's identity cannot show which method it ran; it is
        // refused saying so, not as "written with --teleport-method none".
        using var dir = new TempFolder();
        string[] args = [.. Small.Args("train", Small.Synthetic, Small.Teleports), "--epochs", "2", "--checkpoint", dir.File("ckpt")];
        Assert.Equal(130, CliRun.Of([.. args, "--stop-after-steps", "17"]).ExitCode);
        var trainerJson = Directory.GetFiles(dir.File("ckpt"), "trainer.json", SearchOption.AllDirectories);
        Assert.NotEmpty(trainerJson);
        foreach (var file in trainerJson)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
            Assert.True(node["run"]!["identity"]!.AsObject().Remove("--teleport-method"));
            File.WriteAllText(file, node.ToJsonString());
        }
        var run = CliRun.Of([.. args, "--resume"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not record --teleport-method (it was written before --teleport-method was part of a run's identity)", run.Error);
        Assert.Contains("this command's --teleport-method group is the run's; resume it with the version of teleport that wrote it", run.Error);
    }

    [Fact]
    public void AResumeOnAnotherDataFolderIsRefused()
    {
        using var dir = new TempFolder();
        var first = TestData.WriteCifar(dir.File("a"), perFile: 4, seed: 1);
        var second = TestData.WriteCifar(dir.File("b"), perFile: 4, seed: 2);
        string[] Args(string data) =>
            ["train", "--dataset", "cifar10", "--data", data, "--model", "cifar-mlp", "--epochs", "2", "--batch-size", "4", "--checkpoint", dir.File("ckpt")];
        Assert.Equal(130, CliRun.Of([.. Args(first), "--stop-after-steps", "3"]).ExitCode);
        var run = CliRun.Of([.. Args(second), "--resume"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("was trained on other data (training_data ", run.Error);
        Assert.Contains("--data, --split-seed or the files differ", run.Error);
        // A copy of the same files elsewhere is the same data: it resumes.
        var copy = dir.File("copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(first)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        CliRun.Of([.. Args(copy), "--resume"]).Succeeded();
    }

    [Theory]
    [InlineData("--teleport-lookahead 46", "--teleport-lookahead 46 looks further ahead than the run's 45 steps (3 epochs of 15 batches of 20); use at most 45")]
    [InlineData("--teleport-lookahead 2147483647", "--teleport-lookahead 2147483647 looks further ahead")]
    [InlineData("--teleport-count 16", "--teleport-count 16 is more teleports than an epoch has batches (15 batches of 20)")]
    [InlineData("--teleport-every 45", "--teleport-every 45 never fires in a run of 45 steps")]
    [InlineData("--teleport-count 0", "--teleport-count 0 schedules no teleport, and neither --teleport-every nor --teleport-adaptive adds one: a teleporting run needs at least one")]
    [InlineData("--teleport-max 0", "--teleport-max 0 allows no teleport: a teleporting run needs at least one")]
    [InlineData("--teleport-adaptive 0.5 --teleport-min-spacing 45", "--teleport-min-spacing 45 lets --teleport-adaptive fire only after the run's 45 steps")]
    public void AScheduleThatCanNeverCompleteIsAUsageError(string args, string message)
    {
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--teleport-epochs", "1", .. args.Split(' ')]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("teleport: " + message, Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void CompareRefusesAScheduleThatNeverTeleports()
    {
        // compare --teleport-max 0 compared two equal arms; --teleport-count 0 also printed "teleport: ; 10 log-ascent steps".
        var run = CliRun.Of([.. Small.Args("compare", Small.Synthetic), "--teleport-max", "0"]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("teleport: --teleport-max 0 allows no teleport", run.Error.Trim(), System.StringComparison.Ordinal);
        CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--teleport-count", "0", "--teleport-every", "5"]).Succeeded();
    }

    [Fact]
    public void ALookAheadLongerThanAnEpochButWithinTheRunTrains()
    {
        // The look-ahead continues into the next epoch's batches: longer than an epoch is allowed and finishes.
        CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "2", "--teleport-epochs", "1", "--teleport-count", "2", "--teleport-lookahead", "20"]).Succeeded();
        CliRun.Of([.. Small.Args("compare", Small.Synthetic), "--epochs", "2", "--teleport-epochs", "1", "--teleport-count", "2", "--teleport-lookahead", "20"]).Succeeded();
    }

    [Fact]
    public void ADataSetTooSmallForThePapersSplitNamesTheFileAndTheSizes()
    {
        using var dir = new TempFolder();
        var data = TestData.WriteMnist(dir.File("mnist"), train: 9000, test: 10);
        var run = CliRun.Of("train", "--dataset", "mnist", "--data", data, "--epochs", "1");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("teleport: train-images-idx3-ubyte: 9000 training images are too few to hold out 10000 for validation and train on the rest "
            + "(the paper's split of 60 000: 50000 for training, 10000 for validation); it needs at least 10001", run.Error.Trim());
    }

    [Fact]
    public void RawAndGzippedCopiesOfAFileAreSaidToBeBothThere()
    {
        // The bad-input sweep: with both forms present the raw one was read without a word, though the two may differ.
        using var dir = new TempFolder();
        var data = TestData.WriteMnist(dir.File("mnist"), train: 10_010, test: 10);
        string[] args = ["train", "--dataset", "mnist", "--data", data, "--epochs", "1", "--limit-train", "5", "--limit-test", "5"];
        Assert.DoesNotContain("holds both", CliRun.Of(args).Succeeded().Error);
        foreach (var name in (string[])["train-images-idx3-ubyte", "t10k-labels-idx1-ubyte"])
        {
            using var gz = new System.IO.Compression.GZipStream(File.Create(Path.Combine(data, name + ".gz")), System.IO.Compression.CompressionLevel.Fastest);
            gz.Write(File.ReadAllBytes(Path.Combine(data, name)));
        }
        var run = CliRun.Of(args).Succeeded();
        Assert.Contains($"teleport: {data} holds both train-images-idx3-ubyte and train-images-idx3-ubyte.gz (and 1 more such pair): "
            + "reading the uncompressed files; delete one form if they differ.", run.Error);
    }

    [Fact]
    public void ImagesOfAnotherShapeThanTheConvolutionsAreRefused()
    {
        // The bad-input sweep: 14×56 images (784 pixels, as 28×28) trained paper-cnn on scrambled pixels without a word.
        using var dir = new TempFolder();
        var data = TestData.WriteMnist(dir.File("mnist"), train: 10_010, test: 10, rows: 14, columns: 56);
        var run = CliRun.Of("train", "--dataset", "mnist", "--data", data, "--model", "paper-cnn", "--epochs", "1");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: mnist/train[train]'s samples are 1×14×56 images but PaperCnn's first layer takes 1×28×28: the pixels would be read in the wrong places.", run.Error.Trim());
        // A dense network reads a sample as a vector: any 784 pixels fit it.
        CliRun.Of("train", "--dataset", "mnist", "--data", data, "--epochs", "1", "--limit-train", "20", "--limit-test", "10").Succeeded();
    }

    [Fact]
    public void AModelThatDoesNotFitTheDataIsSaidWithoutDotNetsParameterName()
    {
        // The bad-input sweep: the message ended in " (Parameter 'trainingSet')", a library argument's name.
        using var dir = new TempFolder();
        var data = TestData.WriteMnist(dir.File("mnist"), train: 10_010, test: 10, rows: 1, columns: 1);
        var run = CliRun.Of("train", "--dataset", "mnist", "--data", data, "--epochs", "1");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: mnist/train[train] has 1 features per sample but PaperMlp takes 784 inputs.", run.Error.Trim());
    }

    [Fact]
    public void ALimitAboveTheSetsSizeIsSaid()
    {
        // The bad-input sweep: --limit-train 2000 on a set of 100 trained on 100 without a word.
        var run = CliRun.Of("train", "--dataset", "synthetic", "--epochs", "1", "--limit-train", "20000", "--limit-test", "30").Succeeded();
        Assert.StartsWith("teleport: --limit-train 20000: synthetic-classification[784→10]/train holds only 10000 samples; using all of them.", run.Error);
        Assert.DoesNotContain("--limit-test", run.Error);
    }

    [Fact]
    public void ALimitOfATestSetTheDataDoNotHaveIsAUsageError()
    {
        // The sweep: the NeurIPS regression task has no test set, and --limit-test 5 was accepted without effect.
        var run = CliRun.Of("train", "--model", "regression", "--dataset", "synthetic", "--epochs", "1", "--limit-test", "5");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal("teleport: --limit-test 5: synthetic-regression has no test set to limit (its 4 samples are all training samples); drop --limit-test.", run.Error.Trim());
        CliRun.Of("train", "--model", "regression", "--dataset", "synthetic", "--epochs", "1", "--limit-train", "3").Succeeded();
    }

    private static string[] ReplaceOrAdd(string[] args, string option, string value)
    {
        var list = new System.Collections.Generic.List<string>(args);
        var at = list.IndexOf(option);
        if (at >= 0) list[at + 1] = value;
        else list.AddRange([option, value]);
        return [.. list];
    }
}
