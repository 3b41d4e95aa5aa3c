using Teleport.Cli.Options;

namespace Teleport.Cli.Tests;

/// <summary>
/// An unknown command or option gets a "did you mean" when a known one is a slip away (the sweep: <c>teleport trian</c>
/// said only "Unrecognized command or argument 'trian'"), and nothing when no name is close; the exit code stays 2.
/// </summary>
public sealed class SuggestionTests
{
    [Theory]
    [InlineData("trian", "teleport: Unrecognized command or argument 'trian'; did you mean 'train'? (see 'teleport --help')")]
    [InlineData("mesure", "teleport: Unrecognized command or argument 'mesure'; did you mean 'measure'? (see 'teleport --help')")]
    [InlineData("meta-tset", "teleport: Unrecognized command or argument 'meta-tset'; did you mean 'meta-test'? (see 'teleport --help')")]
    public void AnUnknownCommandCloseToOneIsSuggested(string command, string expected)
    {
        var run = CliRun.Of(command);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    [Theory]
    [InlineData("train", "--lrr", "'--lr'")]
    [InlineData("train", "--epoch", "'--epochs'")]
    [InlineData("train", "--ephocs=3", "'--epochs'")]
    [InlineData("generalize", "--sharpness-direction", "'--sharpness-directions'")]
    [InlineData("measure", "--hepl", "'--help'")]
    public void AnUnknownOptionCloseToOneOfItsCommandIsSuggested(string command, string option, string suggestion)
    {
        var run = CliRun.Of(command, option, "1");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal($"teleport: Unrecognized command or argument '{option}'; did you mean {suggestion}? (see 'teleport {command} --help')", run.Error.Trim());
    }

    [Theory]
    [InlineData("--model", "info", "--", "--model", "logistic")]
    [InlineData("--out", "report", "--", "run.json", "--out", "r")]
    [InlineData("train", "--", "train")]
    public void AKnownNameAfterTheDoubleDashIsSaidToFollowIt(string name, params string[] args)
    {
        // The sweep: `info -- --model logistic` said "Unrecognized command or argument '--model'; did you mean '--model'?",
        // offering the very name typed; "--" had made it an argument.
        var run = CliRun.Of(args);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith($"teleport: Unrecognized command or argument '{name}'; it comes after '--', which ends the options: every word after it is an argument, so put it before '--' (see 'teleport", run.Error.Trim());
        Assert.DoesNotContain("did you mean", run.Error);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("train", "--learning-rate", "0.1")] // --lr is 11 edits away
    [InlineData("info", "-x")] // one letter: every short name is that close
    [InlineData("generalize", "--limit-trian", "5")] // hidden options are not offered
    public void NothingCloseGetsNoHint(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.StartsWith("teleport: Unrecognized command or argument", run.Error);
        Assert.DoesNotContain("did you mean", run.Error);
    }

    [Fact]
    public void HelpStillWorks()
    {
        var root = CliRun.Of("--help").Succeeded();
        Assert.Contains("train", root.Out);
        var train = CliRun.Of("train", "--help").Succeeded();
        Assert.Contains("--lr", train.Out);
        Assert.Empty(train.Error);
    }

    [Theory]
    [InlineData("train", "trian", 1)] // one transposition, where Levenshtein counts two
    [InlineData("lr", "lrr", 1)]
    [InlineData("ca", "abc", 3)] // optimal string alignment: no edit of a transposed pair
    [InlineData("epochs", "epochs", 0)]
    [InlineData("", "abc", 3)]
    public void DistanceIsDamerauLevenshtein(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
        Assert.Equal(expected, Suggestions.Distance(b, a));
    }
}
