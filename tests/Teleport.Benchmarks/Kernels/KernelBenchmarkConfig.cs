using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Teleport.Benchmarks.Kernels;

/// <summary>In-process, short run (3 warm-up, 10 measured iterations), with median and GFLOP/s columns.</summary>
public sealed class KernelBenchmarkConfig : ManualConfig
{
    public KernelBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("InProcess"));
        AddColumn(StatisticColumn.Median);
        AddColumn(new GflopsColumn());
    }
}
