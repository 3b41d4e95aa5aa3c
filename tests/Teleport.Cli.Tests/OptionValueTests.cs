namespace Teleport.Cli.Tests;

/// <summary>
/// Issue 14: option values that aborted the tool (exit 134) or were read in the wrong culture. Each is now a usage
/// error (exit 2) in one line that names the option and the value, before anything runs.
/// </summary>
public sealed class OptionValueTests
{
    [Theory]
    [InlineData("--lr", "abc", "--lr: \"abc\" is not a number; expected a number > 0")]
    [InlineData("--lr", "-inf", "--lr: \"-inf\" is not a number; expected a number > 0")]
    [InlineData("--lr", "", "--lr: an empty value is not a number; expected a number > 0")]
    [InlineData("--lr", "1,5", "--lr: \"1,5\" is not a number (a decimal point, not a comma, and no digit grouping: 1.5, 1000)")]
    [InlineData("--lr", "1,000", "--lr: \"1,000\" is not a number (a decimal point, not a comma")]
    [InlineData("--lr", "1e400", "--lr: \"1e400\" is too large to be a finite number")]
    [InlineData("--lr", "NaN", "--lr: \"NaN\" is not a number")]
    [InlineData("--momentum", "1e-400", "--momentum: \"1e-400\" is too small to be told from 0 (it rounds to 0 below 4.9e-324); expected a number ≥ 0")] // trained without momentum
    [InlineData("--teleport-adaptive", "2.5e-999", "--teleport-adaptive: \"2.5e-999\" is too small to be told from 0")] // turned the trigger off
    [InlineData("--epochs", "1.5", "--epochs: \"1.5\" is not a whole number (digits only, e.g. 3); expected a whole number ≥ 1")]
    [InlineData("--epochs", "99999999999", "--epochs: 99999999999 is out of range; expected a whole number ≥ 1 and at most 2147483647")]
    [InlineData("--epochs", "0", "--epochs: 0 is out of range; expected a whole number ≥ 1")]
    [InlineData("--batch-size", "2147483648", "--batch-size: 2147483648 is out of range; expected a whole number ≥ 1 and at most 2147483647")]
    [InlineData("--momentum", "inf", "--momentum: \"inf\" is not a number; expected a number ≥ 0")]
    [InlineData("--teleport-batch", "x", "--teleport-batch: \"x\" is not a number; expected a whole number ≥ 1")]
    [InlineData("--teleport-adaptive", "1", "--teleport-adaptive: 1 is out of range; expected a number in [0, 1)")]
    [InlineData("--teleport-epochs", "1,,2", "--teleport-epochs: \"1,,2\" has an empty item (two commas together, or a comma at an end); separate the numbers by one comma: 1,3")] // said "an empty value", which was not typed
    [InlineData("--teleport-epochs", "1,x", "--teleport-epochs: in \"1,x\", \"x\" is not a number; expected a whole number ≥ 1")]
    [InlineData("--teleport-epochs", "x", "--teleport-epochs: \"x\" is not a number; expected a whole number ≥ 1")]
    [InlineData("--split-seed", "9223372036854775808", "--split-seed: 9223372036854775808 is out of range; expected a whole number at least -9223372036854775808 and at most 9223372036854775807")]
    [InlineData("--optimizer", "SGD", "--optimizer: \"SGD\" is not one of sgd, momentum, adagrad, rmsprop, adam, adamw")]
    [InlineData("--out", "", "--out: an empty value is not a path")]
    [InlineData("--out", "-", "--out: \"-\" (standard input or output) is not read or written here; name a file (./- for a file called -)")] // wrote a file named "-"
    [InlineData("--data", "-", "--data: \"-\" (standard input or output)")]
    public void ABadValueIsOneLineNamingTheOptionWithExitCodeTwo(string option, string value, string message)
    {
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), option, value]);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("teleport: " + message, line);
        Assert.EndsWith("(see 'teleport train --help')", line);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("train", "1e-320", "0")]
    [InlineData("compare", "1e-40", "1E-40")]
    [InlineData("generalize", "1e-39", "1E-39")]
    [InlineData("correlate", "1.1e-38", "1.1E-38")]
    public void ALearningRateBelowSinglePrecisionsSmallestNormalIsRefused(string command, string lr, string inSingle)
    {
        // --lr 1e-320 trained a whole run at a learning rate of 0 (the models train in float) without a word.
        var run = CliRun.Of(command, "--dataset", "synthetic", "--lr", lr, "--out", "never-written.json");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"teleport: --lr: {lr} is below 2^-126 ≈ 1.1754944E-38, the smallest normal number in single precision", line);
        Assert.Contains($"(there it is {inSingle})", line);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("bench", "--warmup", "inf")]
    [InlineData("bench", "--warmup", "-1")]
    [InlineData("bench", "--repeats", "0")]
    [InlineData("bench", "--repeats", "-1")]
    [InlineData("bench", "--threads", "3")]
    [InlineData("info", "--model", "")]
    public void OtherCommandsUseTheSameParsers(string command, string option, string value)
    {
        var run = CliRun.Of(command, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"teleport: {option}: ", Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void NumbersInTheInvariantSyntaxAreAccepted()
    {
        using var dir = new TempFolder();
        var path = dir.File("run.json");
        CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--lr", "5e-2", "--momentum", ".5", "--optimizer", "momentum", "--out", path]).Succeeded();
        var config = CliRun.Json(path).GetProperty("config");
        Assert.Equal(0.05, config.GetProperty("lr").GetDouble());
        Assert.Equal(0.5, config.GetProperty("momentum").GetDouble());
    }

    [Fact]
    public void HelpShowsTheRangeOfANumberOption()
    {
        var help = CliRun.Of("train", "--help").Succeeded().Out;
        Assert.Contains("Epochs to train. (≥ 1)", help);
        Assert.Contains("<sgd|momentum|adagrad|rmsprop|adam|adamw>", help);
    }
}
