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

    /// <summary><c>eps</c>: added to the denominator. Default 1e-10 for AdaGrad, 1e-8 otherwise.</summary>
    public double? Epsilon { get; init; }

    /// <summary><c>alpha</c> (RMSProp): smoothing constant of <c>square_avg</c>. Default 0.99.</summary>
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
    /// validated as PyTorch validates them.
    /// </summary>
    /// <exception cref="ArgumentException">A value PyTorch rejects, named in the message.</exception>
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
        RequireNonNegative(LearningRate!.Value, "learning rate");
        RequireNonNegative(WeightDecay!.Value, "weight_decay value");
        RequireNonNegative(Epsilon!.Value, "epsilon value");
        switch (kind)
        {
            case OptimizerKind.Sgd or OptimizerKind.Momentum:
                RequireNonNegative(Momentum!.Value, "momentum value");
                RequireFinite(Dampening, "dampening value");
                if (Nesterov && (Momentum.Value <= 0 || Dampening != 0))
                {
                    throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening.", nameof(Nesterov));
                }

                break;
            case OptimizerKind.AdaGrad:
                RequireNonNegative(LearningRateDecay, "lr_decay value");
                RequireNonNegative(InitialAccumulatorValue, "initial_accumulator_value value");
                break;
            case OptimizerKind.RmsProp:
                RequireNonNegative(Momentum!.Value, "momentum value");
                RequireNonNegative(Alpha, "alpha value");
                break;
            case OptimizerKind.Adam or OptimizerKind.AdamW:
                RequireBeta(Beta1, 0);
                RequireBeta(Beta2, 1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer kind.");
        }
    }

    private static void RequireNonNegative(double value, string what)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"Invalid {what}: {value} (must be finite and ≥ 0).");
        }
    }

    private static void RequireFinite(double value, string what)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Invalid {what}: {value} (must be finite).");
        }
    }

    private static void RequireBeta(double value, int index)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentException($"Invalid beta parameter at index {index}: {value} (must be in [0, 1)).");
        }
    }
}
