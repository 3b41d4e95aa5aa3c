using System;

namespace Teleport.Optimizers;

/// <summary>
/// Hyperparameters of every optimizer kind, named as PyTorch's keyword arguments. Each optimizer
/// reads the ones it has and ignores the rest. Unset values take PyTorch 1.13's defaults for the
/// kind (see <see cref="Resolve"/>).
/// </summary>
/// <remarks>
/// Values are <see cref="double"/> whatever the parameter precision, as Python floats are: PyTorch
/// computes per-step scalars such as Adam's <c>lr / (1 − β₁ᵗ)</c> in double and rounds them to the
/// tensor's type only when it applies them, and so does Teleport, which keeps float32 results
/// identical to PyTorch's.
/// </remarks>
public sealed record OptimizerSettings
{
    /// <summary><c>lr</c>. Default: 1e-2 for AdaGrad and RMSProp, 1e-3 for Adam and AdamW; PyTorch's SGD has no default (lr is required) and Teleport uses 1e-2.</summary>
    public double? LearningRate { get; init; }

    /// <summary><c>weight_decay</c>: L2 penalty added to the gradient; decoupled (<c>p ← p·(1 − lr·wd)</c>) for AdamW. Default 0, AdamW 1e-2.</summary>
    public double? WeightDecay { get; init; }

    /// <summary><c>momentum</c> (SGD, RMSProp). Default 0; 0.9 for <see cref="OptimizerKind.Momentum"/>.</summary>
    public double? Momentum { get; init; }

    /// <summary><c>dampening</c> (SGD): the momentum buffer adds (1 − dampening)·g. Default 0.</summary>
    public double Dampening { get; init; }

    /// <summary><c>nesterov</c> (SGD): needs momentum &gt; 0 and dampening 0. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary><c>maximize</c>: ascend instead of descend (the gradient is negated). Default false.</summary>
    public bool Maximize { get; init; }

    /// <summary><c>lr_decay</c> (AdaGrad): step t uses lr/(1 + (t − 1)·lr_decay). Default 0.</summary>
    public double LearningRateDecay { get; init; }

    /// <summary><c>initial_accumulator_value</c> (AdaGrad): the starting value of <c>sum</c>. Default 0.</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary><c>eps</c>: added to the denominator. Default 1e-10 for AdaGrad, 1e-8 otherwise. Must be &gt; 0 where it is added to a second moment that starts at 0 (stricter than PyTorch: 0 makes a zero gradient's step 0/0 = NaN).</summary>
    public double? Epsilon { get; init; }

    /// <summary><c>alpha</c> (RMSProp): smoothing constant of <c>square_avg</c>, in [0, 1) (stricter than PyTorch: above 1 the average goes negative and the steps NaN). Default 0.99.</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary><c>centered</c> (RMSProp): normalise by the estimated variance instead of the raw second moment. Default false.</summary>
    public bool Centered { get; init; }

    /// <summary><c>betas[0]</c> (Adam, AdamW). Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary><c>betas[1]</c> (Adam, AdamW). Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary><c>amsgrad</c> (Adam, AdamW): normalise by the running maximum of <c>exp_avg_sq</c>. Default false.</summary>
    public bool AmsGrad { get; init; }

    /// <summary>
    /// These settings with every unset value replaced by PyTorch's default for <paramref name="kind"/>,
    /// validated as PyTorch validates them, and refusing as well the eps = 0 and alpha ≥ 1 that PyTorch accepts
    /// but that make the steps NaN (see <see cref="Epsilon"/>, <see cref="Alpha"/>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An invalid value, named in the message, with <see cref="ArgumentException.ParamName"/> the property's name
    /// (e.g. <c>LearningRate</c>, <c>Beta2</c>).
    /// </exception>
    public OptimizerSettings Resolve(OptimizerKind kind)
    {
        var resolved = this with
        {
            LearningRate = LearningRate ?? DefaultLearningRate(kind),
            WeightDecay = WeightDecay ?? (kind == OptimizerKind.AdamW ? 1e-2 : 0.0),
            Momentum = Momentum ?? (kind == OptimizerKind.Momentum ? 0.9 : 0.0),
            Epsilon = Epsilon ?? (kind == OptimizerKind.AdaGrad ? 1e-10 : 1e-8),
        };
        resolved.Validate(kind);
        return resolved;
    }

    private static double DefaultLearningRate(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Adam or OptimizerKind.AdamW => 1e-3,
        _ => 1e-2,
    };

    private void Validate(OptimizerKind kind)
    {
        RequireNonNegative(LearningRate!.Value, "learning rate", nameof(LearningRate));
        RequireNonNegative(WeightDecay!.Value, "weight_decay value", nameof(WeightDecay));
        RequireNonNegative(Epsilon!.Value, "epsilon value", nameof(Epsilon));
        switch (kind)
        {
            case OptimizerKind.Sgd or OptimizerKind.Momentum:
                RequireNonNegative(Momentum!.Value, "momentum value", nameof(Momentum));
                RequireFinite(Dampening, "dampening value", nameof(Dampening));
                if (Nesterov && (Momentum.Value <= 0 || Dampening != 0))
                {
                    throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening.", nameof(Nesterov));
                }

                break;
            case OptimizerKind.AdaGrad:
                RequireNonNegative(LearningRateDecay, "lr_decay value", nameof(LearningRateDecay));
                RequireNonNegative(InitialAccumulatorValue, "initial_accumulator_value value", nameof(InitialAccumulatorValue));
                if (InitialAccumulatorValue == 0)
                {
                    RequireDividingEpsilon(kind);
                }

                break;
            case OptimizerKind.RmsProp:
                RequireNonNegative(Momentum!.Value, "momentum value", nameof(Momentum));
                // PyTorch checks only alpha ≥ 0; above 1 the average (α·v + (1 − α)·g²) goes negative and its √ is NaN
                // from the first step, and at 1 it never leaves its start, 0, so every step is g/eps.
                if (!(Alpha >= 0 && Alpha < 1))
                {
                    throw new ArgumentException($"Invalid alpha value: {Alpha} (must be in [0, 1)).", nameof(Alpha));
                }

                RequireDividingEpsilon(kind);
                break;
            case OptimizerKind.Adam or OptimizerKind.AdamW:
                RequireBeta(Beta1, 0, nameof(Beta1));
                RequireBeta(Beta2, 1, nameof(Beta2));
                RequireDividingEpsilon(kind);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer kind.");
        }
    }

    /// <summary>
    /// eps &gt; 0 for the kinds that divide by √(second moment) + eps (AdaGrad only when its sum starts at 0). PyTorch
    /// accepts 0, but then a parameter whose gradient is exactly 0 so far (a dead ReLU unit's weights, a padding input's)
    /// steps by 0/0 and becomes NaN.
    /// </summary>
    private void RequireDividingEpsilon(OptimizerKind kind)
    {
        if (Epsilon!.Value == 0)
        {
            throw new ArgumentException(
                $"Invalid epsilon value: 0 (must be > 0 for {kind}: a parameter whose gradient is still 0 would step by 0/0 = NaN).",
                nameof(Epsilon));
        }
    }

    private static void RequireNonNegative(double value, string what, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"Invalid {what}: {value} (must be finite and ≥ 0).", name);
        }
    }

    private static void RequireFinite(double value, string what, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Invalid {what}: {value} (must be finite).", name);
        }
    }

    private static void RequireBeta(double value, int index, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentException($"Invalid beta parameter at index {index}: {value} (must be in [0, 1)).", name);
        }
    }
}
