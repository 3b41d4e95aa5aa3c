using BenchmarkDotNet.Attributes;
using Teleport.Optimizers;

namespace Teleport.Benchmarks.Training;

/// <summary>
/// One training step (forward, backward, optimizer) as the PyTorch peer times it
/// (../shared/peer/microbench.py): 784-16-10-10 at batch 20 with SGD/AdaGrad/Adam, and
/// 784-512-512-10 (ReLU, bias) at batch 128 with SGD.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private readonly PaperMlp _paper = new();
    private readonly WideMlp _wide = new();
    private float[] _paperInputs = [], _wideInputs = [], _paperGradient = [], _wideGradient = [];
    private int[] _paperLabels = [], _wideLabels = [];
    private Optimizer<float> _sgd = null!, _adagrad = null!, _adam = null!, _wideSgd = null!;

    [GlobalSetup]
    public void Setup()
    {
        _paper.InitializeParameters(1);
        _wide.InitializeParameters(1);
        (_paperInputs, _paperLabels) = BenchmarkData.Batch(20, 784, 1);
        (_wideInputs, _wideLabels) = BenchmarkData.Batch(128, 784, 2);
        _paperGradient = new float[PaperMlp.ParameterCount];
        _wideGradient = new float[WideMlp.ParameterCount];
        _sgd = OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings { LearningRate = 1e-2 }, PaperMlp.ParameterCount);
        _adagrad = OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, new OptimizerSettings { LearningRate = 1e-2 }, PaperMlp.ParameterCount);
        _adam = OptimizerFactory.Create<float>(OptimizerKind.Adam, new OptimizerSettings { LearningRate = 1e-4 }, PaperMlp.ParameterCount);
        _wideSgd = OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings { LearningRate = 1e-2 }, WideMlp.ParameterCount);
    }

    [Benchmark(Description = "784-16-10-10 b20 SGD step")]
    public float PaperSgd() => Step(_sgd);

    [Benchmark(Description = "784-16-10-10 b20 AdaGrad step")]
    public float PaperAdaGrad() => Step(_adagrad);

    [Benchmark(Description = "784-16-10-10 b20 Adam step")]
    public float PaperAdam() => Step(_adam);

    [Benchmark(Description = "784-512-512-10 b128 SGD step")]
    public float WideSgd()
    {
        var loss = _wide.LossAndGradient(_wideInputs, _wideLabels, _wideGradient);
        _wideSgd.Step(_wide.Parameters, _wideGradient);
        return loss;
    }

    private float Step(Optimizer<float> optimizer)
    {
        var loss = _paper.LossAndGradient(_paperInputs, _paperLabels, _paperGradient);
        optimizer.Step(_paper.Parameters, _paperGradient);
        return loss;
    }
}
