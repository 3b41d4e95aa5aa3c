namespace Teleport.Cli.Tests;

/// <summary>
/// Options that configure teleports are never ignored (a bad-input sweep): <c>train --teleport-method level-set</c>
/// alone trained without a teleport, <c>--teleport none --teleport-lr 0.1</c> said nothing, and an option of another
/// method (<c>--teleport-method level-set --teleport-steps 50</c>) went unused without a word.
/// </summary>
public sealed class TeleportSettingsTests
{
    [Theory]
    [InlineData("--teleport-method level-set", "teleport: 8 at the start of epoch 1; level-set SLP, 10 iterations", 8)]
    [InlineData("--teleport-count 2", "teleport: 2 at the start of epoch 1;", 2)]
    [InlineData("--teleport-lr 0.1", "log-ascent steps of η 0.1", 8)]
    [InlineData("--symmetries all", "all symmetries", 8)]
    public void AnOptionThatConfiguresTeleportsAsksForThem(string args, string headline, int teleports)
    {
        using var dir = new TempFolder();
        var path = dir.File("run.json");
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--out", path, .. args.Split(' ')]).Succeeded();
        Assert.Contains(headline, run.Out);
        Assert.Equal(teleports, CliRun.Json(path).GetProperty("teleports").GetArrayLength());
    }

    [Theory]
    [InlineData("--teleport none --teleport-lr 0.1", "--teleport-lr configures teleports, and --teleport none turns them off: drop one of them.")]
    [InlineData("--teleport none --teleport-method level-set", "--teleport-method configures teleports, and --teleport none turns them off")]
    [InlineData("--teleport none --optimizer-state keep", "--optimizer-state configures teleports, and --teleport none turns them off")]
    [InlineData("--teleport-method level-set --teleport-steps 50",
        "--teleport-steps does not apply to --teleport-method level-set: it sets the group and null-space ascents (the level-set solver takes --level-set-steps and --level-set-rho).")]
    [InlineData("--teleport-method level-set --ascent raw", "--ascent does not apply to --teleport-method level-set")]
    [InlineData("--level-set-steps 3", "--level-set-steps does not apply to the default --teleport-method group: it sets the level-set solver (--teleport-method level-set).")]
    [InlineData("--teleport-method null-space --level-set-rho 0.5", "--level-set-rho does not apply to --teleport-method null-space")]
    [InlineData("--teleport-method null-space --symmetries all", "--symmetries does not apply to --teleport-method null-space: it sets the symmetry groups of the group teleport")]
    [InlineData("--null-space-tau 0.5", "--null-space-tau does not apply to the default --teleport-method group: it sets the null-space ascent's projection")]
    [InlineData("--teleport-every 0", "the schedule holds no teleport: --teleport-every 0 never fires, the default --teleport-adaptive 0 is off")]
    [InlineData("--teleport-every 100 --teleport-count 3", "--teleport-count counts the teleports at the start of each --teleport-epochs epoch, and with --teleport-every or --teleport-adaptive given no epoch is scheduled")]
    [InlineData("--teleport-min-spacing 5", "--teleport-min-spacing spaces the teleports of --teleport-adaptive, which is off (0).")]
    public void AnOptionTheRunWouldIgnoreIsAUsageError(string args, string message)
    {
        foreach (var command in new[] { "train", "compare" })
        {
            if (command == "compare" && args.StartsWith("--teleport none", System.StringComparison.Ordinal)) continue; // compare refuses --teleport none first
            var run = CliRun.Of([.. Small.Args(command, Small.Synthetic), "--epochs", "1", .. args.Split(' ')]);
            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("teleport: " + message, Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)), System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheNullSpaceHeadlineNamesNoSymmetries()
    {
        // It read "null-space ascent (τ 0.99), 10 log-ascent steps … exact symmetries": the method ascends without a group.
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--teleport-batch", "60", "--teleport-count", "1", "--teleport-method", "null-space"]).Succeeded();
        var headline = System.Array.Find(run.Out.Split('\n'), l => l.StartsWith("teleport: ", System.StringComparison.Ordinal))!;
        Assert.Contains("null-space ascent (τ 0.99), 10 log-ascent steps of η 0.05 on 60 samples, no cap", headline);
        Assert.DoesNotContain("symmetries", headline);
    }

    [Fact]
    public void TheHeadlineSaysAMomentumTheOptimizerNameDoesNotImply()
    {
        // "sgd lr 0.01" trained with momentum 0.5 and did not say so.
        var sgd = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--momentum", "0.5"]).Succeeded();
        Assert.Contains("sgd lr 0.01 momentum 0.5, 1 epoch", sgd.Out);
        var momentum = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--optimizer", "momentum"]).Succeeded();
        Assert.Contains("momentum lr 0.01, 1 epoch", momentum.Out);
    }

    [Fact]
    public void CompareWithAControlArmKeepsTheTeleportArmsLookAhead()
    {
        // compare --control turned the teleport arm's look-ahead off (a train --control run has no teleports to test),
        // and refused --teleport-lookahead beside it.
        using var dir = new TempFolder();
        var path = dir.File("compare.json");
        var run = CliRun.Of([.. Small.Args("compare", Small.Synthetic), "--epochs", "1", "--teleport-batch", "60", "--teleport-count", "2", "--control", "--teleport-lookahead", "3", "--out", path]).Succeeded();
        Assert.Contains("look-ahead 3 steps", run.Out);
        Assert.Contains("[control]", run.Out);
        var plain = CliRun.Of([.. Small.Args("compare", Small.Synthetic), "--epochs", "1", "--teleport-batch", "60", "--teleport-count", "2", "--control"]).Succeeded();
        Assert.Contains("look-ahead 5 steps", plain.Out);
        var train = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--control", "--teleport-lookahead", "3"]);
        Assert.Equal(2, train.ExitCode);
    }

    [Fact]
    public void TheControlHeadlineNamesThePointsAndThePolicyNotAnAscent()
    {
        // It read "control arm (no teleport) at the points of teleport: 8 at the start of epoch 1; 10 log-ascent steps of η 0.5 …".
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--control", "--teleport-lr", "0.5", "--teleport-max", "3", "--optimizer-state", "reset"]).Succeeded();
        Assert.Contains("control arm (no teleport): optimizer state reset at the points of teleport: 8 at the start of epoch 1, at most 3\n", run.Out.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("ascent steps", run.Out);
    }
}
