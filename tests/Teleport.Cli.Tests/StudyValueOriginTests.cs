namespace Teleport.Cli.Tests;

/// <summary>
/// generalize and correlate name a value the user did not type as the default's when a check refuses it:
/// `generalize --epochs 5` was told "--teleport-epoch 20 must be less than --epochs 5", and had typed no --teleport-epoch.
/// </summary>
public sealed class StudyValueOriginTests
{
    [Theory]
    [InlineData("--epochs 5 --teleport-epoch 20", "--teleport-epoch 20 must be less than --epochs 5: the teleports happen in epoch 21.")]
    [InlineData("--epochs 5", "the default --teleport-epoch 20 must be less than --epochs 5: the teleports happen in epoch 21.")]
    [InlineData("--teleport-epoch 50", "--teleport-epoch 50 must be less than the default --epochs 40: the teleports happen in epoch 51.")]
    [InlineData("--limit-train 300 --teleport-batch 2000", "--teleport-batch 2000 is more than the 300 training samples of synthetic-classification.")]
    [InlineData("--limit-train 300", "the default --teleport-batch 2000 is more than the 300 training samples of synthetic-classification.")]
    public void GeneralizeNamesTheSourceOfAValue(string args, string message)
    {
        using var dir = new TempFolder();
        var run = CliRun.Of(["generalize", "--dataset", "synthetic", .. args.Split(' '), "--out", dir.File("r.json")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: " + message, run.Error.Trim());
    }

    [Theory]
    [InlineData("--hessian-samples 1000 --sharpness-batches 200",
        "--hessian-samples 1000 is more than the 300 training samples of synthetic-classification; --sharpness-batches 200 of 200 samples need 40000, more than the 300 training samples of synthetic-classification.")]
    [InlineData("--runs 3",
        "the default --hessian-samples 1000 is more than the 300 training samples of synthetic-classification; the default --sharpness-batches 200 of 200 samples need 40000, more than the 300 training samples of synthetic-classification.")]
    public void CorrelateNamesTheSourceOfAValue(string args, string message)
    {
        using var dir = new TempFolder();
        var run = CliRun.Of(["correlate", "--dataset", "synthetic", "--limit-train", "300", .. args.Split(' '), "--out", dir.File("p.json")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: " + message, run.Error.Trim());
    }
}
