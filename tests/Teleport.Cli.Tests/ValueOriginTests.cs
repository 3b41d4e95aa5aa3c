namespace Teleport.Cli.Tests;

/// <summary>
/// A check across options names a value the user did not type by its source — "the default --teleport-count 8",
/// "the preset --paper-protocol's --teleport-count 8" — so the user knows which option to type; a typed value is named
/// as typed. `--teleport gradnorm --limit-train 40` was told "--teleport-count 8 is more teleports than an epoch has batches".
/// </summary>
public sealed class ValueOriginTests
{
    // 40 samples in batches of 20 (the default and the preset's): 2 batches an epoch, 6 steps in the 3 epochs.
    private static readonly string[] Tiny = ["--dataset", "synthetic", "--limit-train", "40", "--limit-test", "20"];

    [Theory]
    // --teleport-count above an epoch's batches.
    [InlineData("--teleport-count 8", "--teleport-count 8 is more teleports than an epoch has batches (2 batches of 20): one teleports per batch; use at most 2.")]
    [InlineData("--teleport gradnorm", "the default --teleport-count 8 is more teleports than an epoch has batches (2 batches of 20): one teleports per batch; use at most 2.")]
    [InlineData("--paper-protocol --optimizer adam", "the preset --paper-protocol's --teleport-count 8 is more teleports than an epoch has batches (2 batches of 20)")]
    [InlineData("--paper --optimizer adam", "the preset --paper's --teleport-count 8 is more teleports than an epoch has batches (2 batches of 20)")]
    // --teleport-min-spacing beyond the run.
    [InlineData("--teleport-adaptive 0.5 --teleport-min-spacing 100", "--teleport-min-spacing 100 lets --teleport-adaptive fire only after the run's 6 steps (3 epochs of 2 batches of 20) ended; use fewer than 6.")]
    [InlineData("--teleport-adaptive 0.5", "the default --teleport-min-spacing 100 lets --teleport-adaptive fire only after the run's 6 steps (3 epochs of 2 batches of 20) ended; use fewer than 6.")]
    // --teleport-lookahead beyond the run.
    [InlineData("--epochs 1 --teleport-count 1 --teleport-lookahead 5", "--teleport-lookahead 5 looks further ahead than the run's 2 steps (1 epoch of 2 batches of 20); use at most 2 (0 keeps every teleport).")]
    [InlineData("--epochs 1 --teleport-count 1", "the default --teleport-lookahead 5 looks further ahead than the run's 2 steps (1 epoch of 2 batches of 20); use at most 2 (0 keeps every teleport).")]
    // A schedule with no teleport.
    [InlineData("--teleport-every 0 --teleport-adaptive 0", "the schedule holds no teleport: --teleport-every 0 never fires, --teleport-adaptive 0 is off,")]
    [InlineData("--teleport-every 0", "the schedule holds no teleport: --teleport-every 0 never fires, the default --teleport-adaptive 0 is off,")]
    [InlineData("--teleport-adaptive 0", "the schedule holds no teleport: the default --teleport-every 0 never fires, --teleport-adaptive 0 is off,")]
    // --teleport-epochs beyond --epochs.
    [InlineData("--epochs 3 --teleport-epochs 5", "--teleport-epochs 5 is beyond --epochs 3 (teleport epochs are 1-based).")]
    [InlineData("--teleport-epochs 5", "--teleport-epochs 5 is beyond the default --epochs 3 (teleport epochs are 1-based).")]
    [InlineData("--paper-protocol --teleport-epochs 5", "--teleport-epochs 5 is beyond the preset --paper-protocol's --epochs 3 (teleport epochs are 1-based).")]
    public void AValueTheUserDidNotTypeIsNamedByItsSource(string args, string message)
    {
        var run = CliRun.Of(["train", .. Tiny, .. args.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("teleport: " + message, Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)), System.StringComparison.Ordinal);
    }
}
