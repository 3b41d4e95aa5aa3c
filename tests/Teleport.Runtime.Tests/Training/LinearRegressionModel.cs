using System;
using System.Numerics.Tensors;

namespace Teleport.Runtime.Tests.Training;

/// <summary>A hand-written linear model y = x·Wᵀ + b with mean squared error, for regression data sets.</summary>
internal sealed class LinearRegressionModel : IDifferentiableModel<float>
{
    private readonly float[] _parameters;
    private float[] _outputs = [];

    public LinearRegressionModel(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        _parameters = new float[outputs * inputs + outputs];
        Info = new NetworkInfo("LinearRegression", inputs, outputs, LossKind.MeanSquaredError, [],
            [new("fc0.weight", [outputs, inputs], 0, outputs * inputs), new("fc0.bias", [outputs], outputs * inputs, outputs)], []);
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public NetworkInfo Info { get; }

    public Span<float> Parameters => _parameters;

    public LinearRegressionModel Initialize(int seed)
    {
        new ParameterInitializer(seed).Uniform(_parameters, 1.0 / Math.Sqrt(Inputs));
        return this;
    }

    public float Loss(ReadOnlySpan<float> inputs, Targets<float> targets) => Forward(inputs, targets.Values);

    public float LossAndGradient(ReadOnlySpan<float> inputs, Targets<float> targets, Span<float> gradient)
    {
        var loss = Forward(inputs, targets.Values);
        var n = inputs.Length / Inputs;
        var count = (float)(n * Outputs);
        gradient.Clear();
        for (var i = 0; i < n; i++)
        {
            var x = inputs.Slice(i * Inputs, Inputs);
            for (var o = 0; o < Outputs; o++)
            {
                var d = 2f * (_outputs[i * Outputs + o] - targets.Values[i * Outputs + o]) / count;
                var row = gradient.Slice(o * Inputs, Inputs);
                TensorPrimitives.MultiplyAdd(x, d, row, row);
                gradient[Outputs * Inputs + o] += d;
            }
        }
        return loss;
    }

    public void HessianVectorProduct(ReadOnlySpan<float> inputs, Targets<float> targets, ReadOnlySpan<float> v, Span<float> result) =>
        throw new NotSupportedException("The trainer does not need Hessian-vector products.");

    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        var n = inputs.Length / Inputs;
        var w = _parameters.AsSpan(0, Outputs * Inputs);
        for (var i = 0; i < n; i++)
            for (var o = 0; o < Outputs; o++)
                outputs[i * Outputs + o] = TensorPrimitives.Dot(inputs.Slice(i * Inputs, Inputs), w.Slice(o * Inputs, Inputs)) + _parameters[Outputs * Inputs + o];
    }

    private float Forward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        var n = inputs.Length / Inputs;
        if (_outputs.Length < n * Outputs) _outputs = new float[n * Outputs];
        var outputs = _outputs.AsSpan(0, n * Outputs);
        Predict(inputs, outputs);
        double sum = 0;
        for (var i = 0; i < outputs.Length; i++)
        {
            var d = (double)outputs[i] - targets[i];
            sum += d * d;
        }
        return (float)(sum / outputs.Length);
    }
}
