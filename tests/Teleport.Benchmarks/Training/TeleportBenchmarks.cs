using System;
using BenchmarkDotNet.Attributes;
using Teleport.Teleportation;

namespace Teleport.Benchmarks.Training;

/// <summary>
/// One teleport on the paper's network: 10 ascent steps on a batch of 200 (the PyTorch peer's
/// setting), with the exact symmetries (S2 on both hidden layers) and with all of them. The
/// parameters are restored before each teleport so every invocation does the same work.
/// </summary>
[MemoryDiagnoser]
public class TeleportBenchmarks
{
    private readonly PaperMlp _model = new();
    private float[] _initial = [], _inputs = [];
    private int[] _labels = [];
    private readonly TeleportOptions _exact = new() { Steps = 10, Symmetries = SymmetrySet.Exact, RequireAscent = false };
    private readonly TeleportOptions _all = new() { Steps = 10, Symmetries = SymmetrySet.All, RequireAscent = false };
    private readonly TeleportOptions _paper = new() { Steps = 10, Symmetries = SymmetrySet.Exact, LogarithmicAscent = false, LearningRate = 5e-2, RequireAscent = false };

    [GlobalSetup]
    public void Setup()
    {
        _model.InitializeParameters(1);
        _initial = _model.Parameters.ToArray();
        (_inputs, _labels) = BenchmarkData.Batch(200, 784, 3);
    }

    [Benchmark(Description = "teleport 10 steps b200, exact (S2)")]
    public double Exact() => Run(_exact);

    [Benchmark(Description = "teleport 10 steps b200, all (S3/S2)")]
    public double All() => Run(_all);

    [Benchmark(Description = "teleport 10 steps b200, paper raw η 5e-2")]
    public double PaperRaw() => Run(_paper);

    [Benchmark(Description = "objective gradient b200 (one ascent step's evaluation)")]
    public float Objective()
    {
        return _model.TeleportObjectiveGradient(_inputs, _labels, Active, Gradient, Lie).GradientNormSquared;
    }

    private static readonly bool[] Active = [true, false, false, true, false, false];
    private static readonly float[] Gradient = new float[PaperMlp.ParameterCount];
    private static readonly float[] Lie = new float[PaperMlp.LieAlgebraDimension];

    private double Run(TeleportOptions options)
    {
        _initial.CopyTo(_model.Parameters);
        return _model.Teleport(_inputs, _labels, options).GradNormSquaredAfter;
    }
}
