using System;
using System.Numerics.Tensors;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// A hand-written softmax regression (one dense layer, logits = x·Wᵀ + b, softmax cross-entropy) with an
/// analytic gradient, standing in for a generated network in the trainer's tests. Allocation-free after
/// the first call at the largest batch size.
/// </summary>
internal sealed class SoftmaxRegression : IDifferentiableModel<float>
{
    private readonly float[] _parameters;
    private float[] _logits = [];

    public SoftmaxRegression(int inputs = 784, int classes = 10)
    {
        Inputs = inputs;
        Classes = classes;
        _parameters = new float[classes * inputs + classes];
        Info = new NetworkInfo("SoftmaxRegression", inputs, classes, LossKind.SoftmaxCrossEntropy, [],
            [new("fc0.weight", [classes, inputs], 0, classes * inputs), new("fc0.bias", [classes], classes * inputs, classes)], []);
    }

    public int Inputs { get; }

    public int Classes { get; }

    public NetworkInfo Info { get; }

    public Span<float> Parameters => _parameters;

    /// <summary>PyTorch nn.Linear's initialisation, U(−1/√in, 1/√in), from a seed.</summary>
    public SoftmaxRegression Initialize(int seed)
    {
        var init = new ParameterInitializer(seed);
        init.Uniform(_parameters, 1.0 / Math.Sqrt(Inputs));
        return this;
    }

    public float Loss(ReadOnlySpan<float> inputs, Targets<float> targets) => Forward(inputs, targets.Labels, out _);

    public float LossAndGradient(ReadOnlySpan<float> inputs, Targets<float> targets, Span<float> gradient)
    {
        var labels = targets.Labels;
        var loss = Forward(inputs, labels, out var n);
        gradient.Clear();
        var gw = gradient[..(Classes * Inputs)];
        var gb = gradient[(Classes * Inputs)..];
        for (var i = 0; i < n; i++)
        {
            var x = inputs.Slice(i * Inputs, Inputs);
            var p = _logits.AsSpan(i * Classes, Classes);   // probabilities after Forward
            for (var c = 0; c < Classes; c++)
            {
                var d = (p[c] - (c == labels[i] ? 1f : 0f)) / n;
                var row = gw.Slice(c * Inputs, Inputs);
                TensorPrimitives.MultiplyAdd(x, d, row, row);
                gb[c] += d;
            }
        }
        return loss;
    }

    public void HessianVectorProduct(ReadOnlySpan<float> inputs, Targets<float> targets, ReadOnlySpan<float> v, Span<float> result) =>
        throw new NotSupportedException("The trainer does not need Hessian-vector products.");

    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        var n = inputs.Length / Inputs;
        for (var i = 0; i < n; i++)
            Logits(inputs.Slice(i * Inputs, Inputs), outputs.Slice(i * Classes, Classes));
    }

    /// <summary>Mean cross-entropy; leaves the softmax probabilities of each sample in _logits.</summary>
    private float Forward(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, out int n)
    {
        n = inputs.Length / Inputs;
        if (_logits.Length < n * Classes) _logits = new float[n * Classes];
        double loss = 0;
        for (var i = 0; i < n; i++)
        {
            var z = _logits.AsSpan(i * Classes, Classes);
            Logits(inputs.Slice(i * Inputs, Inputs), z);
            var max = TensorPrimitives.Max<float>(z);
            var shiftedLabelLogit = z[labels[i]] - max;
            float sum = 0;
            for (var c = 0; c < Classes; c++) sum += z[c] = MathF.Exp(z[c] - max);
            loss += MathF.Log(sum) - shiftedLabelLogit;
            for (var c = 0; c < Classes; c++) z[c] /= sum;
        }
        return (float)(loss / n);
    }

    private void Logits(ReadOnlySpan<float> x, Span<float> z)
    {
        var w = _parameters.AsSpan(0, Classes * Inputs);
        var b = _parameters.AsSpan(Classes * Inputs);
        for (var c = 0; c < Classes; c++) z[c] = TensorPrimitives.Dot(x, w.Slice(c * Inputs, Inputs)) + b[c];
    }
}
