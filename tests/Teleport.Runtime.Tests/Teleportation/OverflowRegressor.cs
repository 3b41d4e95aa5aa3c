using System;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// y = u·relu(v·x + b) + c with squared error: one hidden unit (the diagonal symmetry S2: v, b × g, u ÷ g), small enough
/// to set by hand the scales at which ∇L overflows float while L stays finite — a huge input x with a tiny v, so that
/// ∂L/∂v = 2·r·u·x is as large as x while the loss r² stays modest. Its double twin (<see cref="Float64With"/>) does the
/// same for double's range.
/// </summary>
[Network(Inputs = 1, Loss = LossKind.MeanSquaredError)]
[Dense(1, Activation = "relu")]
[Dense(1)]
public partial class OverflowRegressor
{
    /// <summary>A network with the given v, b, u, c (the layout of <see cref="Info"/>'s tensors).</summary>
    public static OverflowRegressor With(float v, float b, float u, float c)
    {
        var model = new OverflowRegressor();
        float[] values = [v, b, u, c];
        values.CopyTo(model.Parameters);
        return model;
    }

    /// <summary>
    /// The double twin with the given v, b, u, c: set directly, since the scales at which ‖∇L‖² overflows double (v = 1e-80)
    /// are below float's range and a float model's <see cref="ToFloat64"/> could not carry them.
    /// </summary>
    public static Float64 Float64With(double v, double b, double u, double c)
    {
        Float64 model = new OverflowRegressor().ToFloat64();
        double[] values = [v, b, u, c];
        values.CopyTo(model.Parameters);
        return model;
    }

    /// <summary>L and ‖∇L‖² at the current parameters, as the teleporters compute them (the sum of squares in double).</summary>
    public (double Loss, double GradNormSquared) Measure(ReadOnlySpan<float> inputs, Targets<float> targets) =>
        Measure<float>(this, inputs, targets);

    /// <summary>L and ‖∇L‖² of <paramref name="model"/> (either precision) at its current parameters, as the teleporters compute them.</summary>
    public static (double Loss, double GradNormSquared) Measure<T>(IDifferentiableModel<T> model, ReadOnlySpan<T> inputs, Targets<T> targets)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var gradient = new T[model.Parameters.Length];
        double loss = double.CreateTruncating(model.LossAndGradient(inputs, targets, gradient));
        return (loss, Reductions.DotAsDouble<T>(gradient, gradient));
    }
}

/// <summary>
/// A model seen through a probe that records whether any gradient evaluation came out with a finite loss but a ‖∇L‖² that
/// is not (the situation a guard must reject), so a test shows the teleport really met it.
/// </summary>
internal sealed class OverflowProbe<T>(IDifferentiableModel<T> model) : IDifferentiableModel<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    /// <summary>Gradient evaluations with a finite loss and a ‖∇L‖² (summed in double) that is not finite.</summary>
    public int Overflows { get; private set; }

    public NetworkInfo Info => model.Info;

    public Span<T> Parameters => model.Parameters;

    public T Loss(ReadOnlySpan<T> inputs, Targets<T> targets) => model.Loss(inputs, targets);

    public T LossAndGradient(ReadOnlySpan<T> inputs, Targets<T> targets, Span<T> gradient)
    {
        T loss = model.LossAndGradient(inputs, targets, gradient);
        if (T.IsFinite(loss) && !double.IsFinite(Reductions.DotAsDouble<T>(gradient, gradient))) Overflows++;
        return loss;
    }

    public void HessianVectorProduct(ReadOnlySpan<T> inputs, Targets<T> targets, ReadOnlySpan<T> v, Span<T> result) =>
        model.HessianVectorProduct(inputs, targets, v, result);

    public void Predict(ReadOnlySpan<T> inputs, Span<T> outputs) => model.Predict(inputs, outputs);
}
