using System;
using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>
/// A path option whose value was left out takes the next option as its path: `train --out --shuffle` wrote a file
/// named --shuffle and trained without shuffling, `correlate --merge --out m.json` merged a file called --out and then
/// said --out was missing (bad-input sweep). A path that starts with - is now a usage error naming the option and the
/// value; a file whose name starts with - is still reachable as ./-name.
/// </summary>
public sealed class OptionTakenAsValueTests
{
    [Theory]
    [InlineData("train --out --shuffle", "--out", "--shuffle")]
    [InlineData("train --save-model --shuffle", "--save-model", "--shuffle")]
    [InlineData("train --report --shuffle", "--report", "--shuffle")]
    [InlineData("train --checkpoint --resume", "--checkpoint", "--resume")]
    [InlineData("train --data --shuffle", "--data", "--shuffle")]
    [InlineData("correlate --merge --out m.json", "--merge", "--out")]
    [InlineData("meta-test --meta --out x.json", "--meta", "--out")]
    [InlineData("measure --weights --exact-trace", "--weights", "--exact-trace")]
    public void AnOptionInThePlaceOfAPathIsAUsageErrorNamingBoth(string line, string option, string next)
    {
        // Interrupted: should the line be accepted, nothing trains and nothing is written (exit 130).
        var run = CliRun.Interrupted(line.Split(' '));
        Assert.Equal(2, run.ExitCode);
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"teleport: {option}: \"{next}\" starts with - as an option does (was the value left out?); a path that starts with - is written ./{next}", error);
    }

    [Fact]
    public void AFileWhoseNameStartsWithADashIsWrittenWhenThePathDoesNot()
    {
        using var dir = new TempFolder();
        CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--out", dir.File("-run.json")]).Succeeded();
        Assert.True(File.Exists(dir.File("-run.json")));
    }
}
