namespace Teleport.Cli.Tests;

public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("train", "--optimizer", "lbfgs")]
    [InlineData("train", "--epochs", "0")]
    [InlineData("train", "--lr", "-1")]
    [InlineData("train", "--teleport-adaptive", "1.5")]
    [InlineData("train", "--teleport-epochs", "0")]
    [InlineData("train", "--unknown")]
    [InlineData("info", "--model", "resnet")]
    [InlineData("bench", "--threads", "3")]
    [InlineData("frobnicate")]
    public void BadOptionsAreExitCodeTwo(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("teleport: ", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Theory]
    [InlineData("--model regression --dataset fashion-mnist", "model regression takes 5 inputs")]
    [InlineData("--dataset cifar10 --data /nonexistent", "models that fit cifar10: cifar-mlp")]
    [InlineData("--dataset mnist", "--dataset mnist needs --data DIR")]
    [InlineData("--resume", "--resume needs --checkpoint")]
    [InlineData("--epochs 2 --teleport-epochs 3", "--teleport-epochs 3 is beyond --epochs 2")]
    [InlineData("--teleport none --control", "--control")]
    [InlineData("--control --teleport-lookahead 2", "--teleport-lookahead")]
    [InlineData("--optimizer adam --momentum 0.5", "--momentum applies to sgd, momentum and rmsprop; adam has none.")] // was written into the record as Adam's
    [InlineData("--optimizer adagrad --momentum 0", "--momentum applies to sgd, momentum and rmsprop; adagrad has none.")]
    [InlineData("--checkpoint-every 5", "--checkpoint-every needs --checkpoint DIR")] // checkpointed nothing, silently
    public void OptionsThatDoNotFitTogetherAreExitCodeTwoWithOneLine(string args, string message)
    {
        var run = CliRun.Of(["train", .. args.Split(' ')]);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line);
    }

    [Theory]
    [InlineData("frobnicate", "teleport: Unrecognized command or argument 'frobnicate' (see 'teleport --help')")]
    [InlineData("", "teleport: no command given: train, compare, info, bench, report, measure, correlate, generalize, meta, meta-train, meta-test (see 'teleport --help')")]
    public void AnUnknownOrMissingCommandIsNamed(string command, string expected)
    {
        // Both said "Required command was not provided", which hid the typo.
        var run = CliRun.Of(command.Length == 0 ? [] : [command]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    [Fact]
    public void HelpListsTheOptionsButNotTheHiddenOnes()
    {
        var run = CliRun.Of("train", "--help").Succeeded();
        foreach (var option in new[] { "--dataset", "--teleport-epochs", "--teleport-lookahead", "--optimizer-state", "--paper", "--control", "--teleport-cap" })
            Assert.Contains(option, run.Out);
        Assert.DoesNotContain("--limit-train", run.Out);
    }

    [Fact]
    public void AMissingArgumentIsNamedWithWhatItIs()
    {
        // Before: "Required argument missing for command: 'report'", naming neither the record nor what it is.
        var run = CliRun.Of("report", "--out", "r");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal("teleport: report needs its <record> argument: A run record (train --out) or compare record (compare --out), JSON (see 'teleport report --help')", run.Error.Trim());
    }
}
