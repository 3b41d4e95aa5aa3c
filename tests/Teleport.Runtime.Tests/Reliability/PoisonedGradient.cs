using System;
using Teleport.Runtime.Tests.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// The model's gradient, with <paramref name="entries"/> values replaced at its <paramref name="atCall"/>-th gradient
/// (1-based), and, when <paramref name="drift"/> is set, a loss that grows by it with every call (a model that is random
/// inside: the same step gives other numbers a second time).
/// </summary>
internal sealed class PoisonedGradient(SoftmaxRegression model, int atCall, float poison, int entries = 1, float drift = 0) : IDifferentiableModel<float>
{
    private int _calls;

    public NetworkInfo Info => model.Info;

    public Span<float> Parameters => model.Parameters;

    public float Loss(ReadOnlySpan<float> inputs, Targets<float> targets) => model.Loss(inputs, targets);

    public float LossAndGradient(ReadOnlySpan<float> inputs, Targets<float> targets, Span<float> gradient)
    {
        var loss = model.LossAndGradient(inputs, targets, gradient);
        if (++_calls == atCall) gradient.Slice(gradient.Length - 4 - entries, entries).Fill(poison);
        return loss + drift * _calls;
    }

    public void HessianVectorProduct(ReadOnlySpan<float> inputs, Targets<float> targets, ReadOnlySpan<float> v, Span<float> result) =>
        model.HessianVectorProduct(inputs, targets, v, result);

    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => model.Predict(inputs, outputs);
}
