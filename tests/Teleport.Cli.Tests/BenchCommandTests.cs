using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>`teleport bench`: runs the cases, reads the PyTorch peer's JSON, writes its own. No timing is asserted.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void BenchTimesTheSelectedCasesAndComparesWithPyTorch()
    {
        using var dir = new TempFolder();
        var torch = dir.File("torch.json");
        File.WriteAllText(torch, """
            { "cases": { "threads_1": {
                "a_step_784-16-10-10_b20_nobias_leakyrelu_sgd": { "median_s": 0.000238, "reps": 3000 },
                "torch_get_num_threads": 1 } } }
            """);
        var output = dir.File("bench.json");
        var run = CliRun.Of("bench", "--warmup", "0.05", "--repeats", "3", "--filter", "b20 Sgd", "--torch", torch, "--out", output).Succeeded();
        Assert.Contains("step 784-16-10-10 b20 Sgd", run.Out);
        Assert.Contains("PyTorch 238.00 µs", run.Out);
        Assert.DoesNotContain("teleport 784", run.Out);
        var cases = CliRun.Json(output).GetProperty("cases");
        Assert.Equal(1, cases.GetArrayLength());
        Assert.Equal(0.000238, cases[0].GetProperty("torch_median_s").GetDouble());
        Assert.True(cases[0].GetProperty("speedup").GetDouble() > 0);
        Assert.Equal(0, cases[0].GetProperty("allocated_bytes_per_call").GetInt64());
    }

    [Fact]
    public void AMicrobenchFileWithoutTheThreadCountIsAOneLineDataError()
    {
        using var dir = new TempFolder();
        var torch = dir.File("torch.json");
        File.WriteAllText(torch, """{ "cases": { "threads_2": {} } }""");
        var run = CliRun.Of("bench", "--torch", torch, "--filter", "nothing");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("threads_1", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}
