using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace Teleport.Benchmarks.Kernels;

/// <summary>
/// Float matrix products at the report's shapes, one thread. The GFLOP/s column is 2·m·k·n over the
/// median time (<see cref="GflopsColumn"/>).
/// </summary>
[Config(typeof(KernelBenchmarkConfig))]
public class MatrixMultiplyBenchmarks
{
    private GemmRunner _runner = null!;

    public static IEnumerable<GemmShape> Shapes => GemmShape.All;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.All[0];

    [GlobalSetup]
    public void Setup() => _runner = new GemmRunner(Shape);

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark]
    public void Multiply() => _runner.Run();
}
