using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

/// <summary>
/// Null-space teleport (Wu et al. 2025): gradient ascent of F = ‖∇L‖² on every dense layer's weights, each layer's
/// step projected onto the null space of its input on the teleport batch, so that the layer's output there — and by
/// induction every later activation and the batch loss — does not move (exactly for τ = 1, approximately below).
/// </summary>
/// <remarks>
/// <para>
/// Per teleport: one projector per dense layer from its input [H 1] before the teleport
/// (<see cref="NullSpaceProjector"/>, threshold <see cref="NullSpaceOptions.Threshold"/>). Per step: g = ∇L,
/// ∂F/∂θ = 2·H·g (one HVP); for each layer, ΔW̃ = η·P(∂F/∂W̃)/F (η·P(∂F/∂W̃) without
/// <see cref="TeleportOptions.LogarithmicAscent"/>), scaled down to ‖ΔW̃‖_F ≤ r·‖W̃‖_F (r =
/// <see cref="TeleportOptions.MaxStepNorm"/>: a relative trust region). The projectors are not rebuilt after a step:
/// with τ = 1 the inputs do not change; with τ &lt; 1 they change by the drift the guard bounds.
/// </para>
/// <para>
/// <b>Guard</b> (the group teleport's): a trial step is accepted only if everything is finite (<see cref="NonFiniteRule"/>), |L − L₀| ≤
/// tol·max(|L₀|, 1e-30), ‖∇L‖² ≤ the cap and (with <see cref="TeleportOptions.RequireAscent"/>) ‖∇L‖² did not
/// decrease; otherwise it is rolled back and retried with η and r × <see cref="TeleportOptions.BacktrackFactor"/>,
/// up to <see cref="TeleportOptions.MaxBacktracks"/> times. The report carries each layer's kept rank, its input
/// dimension and the relative change of its pre-activation that its own weight change caused
/// (<see cref="TeleportReport.LayerOutputDrifts"/>).
/// </para>
/// <para>Allocation-free after the first teleport at a batch size.</para>
/// </remarks>
public sealed class NullSpaceTeleporter<T> : ITeleportSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IDifferentiableModel<T> model;
    private readonly ILayerInputs<T> layers;
    private readonly NetworkInfo info;
    private readonly NullSpaceProjector[] projectors;
    private readonly int[] weightOffsets;
    private readonly int[] biasOffsets;
    private readonly TeleportOptions defaultOptions = new() { Method = TeleportMethod.NullSpace };
    private T[] gradient;
    private T[] trialGradient;
    private readonly T[] curvature;
    private readonly T[] step;
    private readonly T[] snapshot;
    private readonly T[] origin;
    private readonly double[] layerStep;

    /// <summary>A null-space teleporter for <paramref name="model"/>, which must expose its layer inputs (<see cref="ILayerInputs{T}"/>).</summary>
    /// <exception cref="ArgumentException">The model does not expose its layer inputs, or its layers do not fill its parameters.</exception>
    public NullSpaceTeleporter(IDifferentiableModel<T> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        layers = model as ILayerInputs<T> ?? throw new ArgumentException($"{model.Info.Name} does not expose its layer inputs (ILayerInputs<{typeof(T).Name}>), which the null-space teleport projects against.", nameof(model));
        info = model.Info;
        int count = info.Layers.Count, offset = 0;
        projectors = new NullSpaceProjector[count];
        weightOffsets = new int[count];
        biasOffsets = new int[count];
        for (int i = 0; i < count; i++)
        {
            LayerInfo layer = info.Layers[i];
            if (layer.Kind != LayerKind.Dense)
            {
                throw new ArgumentException($"The null-space teleport projects dense layers' weights against their inputs; layer {i} of {info.Name} is {layer.Kind} (use the group or level-set method for this network).", nameof(model));
            }
            projectors[i] = new NullSpaceProjector(layer.InputSize, layer.OutputSize, layer.HasBias);
            weightOffsets[i] = offset;
            offset += layer.OutputSize * layer.InputSize;
            biasOffsets[i] = layer.HasBias ? offset : -1;
            offset += layer.HasBias ? layer.OutputSize : 0;
        }

        if (offset != model.Parameters.Length)
        {
            throw new ArgumentException($"{info.Name}'s dense layers hold {offset} parameters but the model has {model.Parameters.Length}.", nameof(model));
        }

        gradient = new T[offset];
        trialGradient = new T[offset];
        curvature = new T[offset];
        step = new T[offset];
        snapshot = new T[offset];
        origin = new T[offset];
        layerStep = new double[2 * MaxLayerSize()];
        Report = new TeleportReport(defaultOptions.Steps, 0);
    }

    /// <summary>The report of the last teleport (refilled in place).</summary>
    public TeleportReport Report { get; }

    /// <summary>Teleports the model on one batch with the float guard (the model's own loss) and returns <see cref="Report"/>.</summary>
    public TeleportReport Teleport(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions? options = null) =>
        TeleportSolver.Run<T, NullSpaceTeleporter<T>>(this, Report, inputs, targets, options ?? defaultOptions);

    /// <summary>Builds the projectors, then the guarded projected ascent; fills the report's "before" values and diagnostics.</summary>
    TeleportStopReason ITeleportSolver<T>.Solve(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, TeleportReport report, ILossJudge<T> judge, ref double loss, ref double objective) =>
        Solve(inputs, targets, options, report, judge, ref loss, ref objective);

    internal TeleportStopReason Solve(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, TeleportReport report, ILossJudge<T> judge, ref double loss, ref double objective)
    {
        report.Method = TeleportMethod.NullSpace;
        report.NullSpaceThreshold = options.NullSpace.Threshold;
        report.SetLayerCount(projectors.Length);
        int n = ModelArguments.BatchSize(inputs.Length, info.InputSize);
        bool built = true;
        for (int i = 0; i < projectors.Length; i++)
        {
            built &= projectors[i].Build(layers.LayerInput(i, inputs), n, options.NullSpace.Threshold);
            report.SetLayer(i, projectors[i].KeptRank, projectors[i].Dimension);
        }

        Span<T> theta = model.Parameters;
        double f = double.CreateTruncating(model.LossAndGradient(inputs, targets, gradient));
        double g2 = Reductions.DotAsDouble<T>(gradient, gradient);
        double lossBefore = judge.StepLoss(T.CreateTruncating(f));
        report.LossBefore = lossBefore;
        report.GradNormSquaredBefore = g2;
        report.AddTrace(g2);
        (loss, objective) = (lossBefore, g2);
        if (!built || NonFiniteRule.Rejects<T>(lossBefore, g2, theta))
        {
            return TeleportStopReason.NonFinite;
        }

        if (g2 > options.GradientNormSquaredCap)
        {
            return TeleportStopReason.CapReached;
        }

        theta.CopyTo(origin);
        theta.CopyTo(snapshot);
        double allowed = options.LossTolerance * Math.Max(Math.Abs(lossBefore), TeleportReport.LossScaleFloor);
        double eta = options.LearningRate, radius = options.MaxStepNorm;
        TeleportStopReason reason = TeleportStopReason.Completed;
        for (int s = 0; s < options.Steps && reason == TeleportStopReason.Completed; s++)
        {
            // Here θ is the last accepted point (the snapshot): a stop request leaves it there.
            judge.Cancellation.ThrowIfCancellationRequested();
            model.HessianVectorProduct(inputs, targets, gradient, curvature);
            double scale = 2 * (options.LogarithmicAscent ? eta / Math.Max(g2, TeleportReport.LossScaleFloor) : eta);
            if (!FormStep(theta, scale, radius))
            {
                reason = TeleportStopReason.NoImprovement;
                break;
            }

            TeleportStopReason? lastRejection = null;
            for (int attempt = 0; ; attempt++)
            {
                bool moves = false;
                for (int i = 0; i < theta.Length; i++)
                {
                    theta[i] = snapshot[i] + step[i];
                    moves |= theta[i] != snapshot[i];
                }

                if (!moves)
                {
                    // a step below half an ulp of every parameter (η = 1e-30) moved nothing: it had been accepted, "completed" with
                    // θ bit-identical; after a retry, shorter steps would not move either and the longer one's rejection is why
                    reason = lastRejection ?? TeleportStopReason.NoImprovement;
                    break;
                }

                double trialF = double.CreateTruncating(model.LossAndGradient(inputs, targets, trialGradient));
                double trialG2 = Reductions.DotAsDouble<T>(trialGradient, trialGradient);
                double judged = double.IsFinite(trialF) ? judge.StepLoss(T.CreateTruncating(trialF)) : double.NaN;
                TeleportStopReason? rejection =
                    NonFiniteRule.Rejects<T>(judged, trialG2, theta) ? TeleportStopReason.NonFinite
                    : Math.Abs(judged - lossBefore) > allowed ? TeleportStopReason.DriftLimit
                    : trialG2 > options.GradientNormSquaredCap ? TeleportStopReason.CapReached
                    : options.RequireAscent && trialG2 < g2 ? TeleportStopReason.NoImprovement
                    : null;
                if (rejection is null)
                {
                    (gradient, trialGradient) = (trialGradient, gradient);
                    (loss, objective, g2) = (judged, trialG2, trialG2);
                    theta.CopyTo(snapshot);
                    report.AddTrace(g2);
                    report.StepsTaken++;
                    break;
                }

                snapshot.CopyTo(theta);
                report.RejectedSteps++;
                lastRejection = rejection;
                if (attempt >= options.MaxBacktracks)
                {
                    reason = rejection.Value;
                    break;
                }

                System.Numerics.Tensors.TensorPrimitives.Multiply(step, T.CreateTruncating(options.BacktrackFactor), step);
                eta *= options.BacktrackFactor;
                radius *= options.BacktrackFactor;
                report.Backtracks++;
                report.FinalLearningRate = eta;
            }
        }

        ReportOutputDrifts(theta, report);
        return reason;
    }

    /// <summary>step ← per layer, scale·P((H·g)[W̃]) clipped to ‖ΔW̃‖ ≤ r·‖W̃‖; false when every layer's step is zero.</summary>
    private bool FormStep(ReadOnlySpan<T> theta, double scale, double radius)
    {
        bool moves = false;
        for (int i = 0; i < projectors.Length; i++)
        {
            NullSpaceProjector p = projectors[i];
            Span<double> g = Gather(curvature, i);
            p.Project(g);
            double projected = System.Numerics.Tensors.TensorPrimitives.Norm<double>(g);
            double norm = projected * Math.Abs(scale);
            double limit = radius * LayerNorm(theta, i);
            // at the radius ±r‖W̃‖/‖P(H·g)‖, the same factor, when the scale (2η/‖∇L‖² for η near double's range) or the norm
            // is ∞: scale·limit/norm was then NaN or 0, a step that failed or did not move whatever the radius
            double factor = !(norm > limit && norm > 0) ? scale
                : double.IsFinite(norm) ? scale * limit / norm
                : Math.CopySign(limit / projected, scale);
            System.Numerics.Tensors.TensorPrimitives.Multiply(g, factor, g);
            Scatter(g, step, i);
            moves |= norm != 0 && limit != 0;
        }

        return moves;
    }

    /// <summary>Per layer ‖(W̃ − W̃₀)·H̃ᵀ‖_F / ‖W̃₀·H̃ᵀ‖_F on the input from before the teleport.</summary>
    private void ReportOutputDrifts(ReadOnlySpan<T> theta, TeleportReport report)
    {
        for (int i = 0; i < projectors.Length; i++)
        {
            NullSpaceProjector p = projectors[i];
            double changed = 0, before = 0;
            Span<double> w0 = Gather(origin, i);
            int d = p.Dimension, k = p.Width;
            ReadOnlySpan<double> h = p.Input;
            Span<double> w = Gather(theta, i, offset: k * d);
            // one sample at a time: z = W̃·h̃ₛ for both, accumulate the squares (no n×k buffer needed)
            for (int s = 0; s < p.BatchSize; s++)
            {
                ReadOnlySpan<double> x = h.Slice(s * d, d);
                for (int j = 0; j < k; j++)
                {
                    double z0 = System.Numerics.Tensors.TensorPrimitives.Dot(w0.Slice(j * d, d), x);
                    double z1 = System.Numerics.Tensors.TensorPrimitives.Dot(w.Slice(j * d, d), x);
                    before += z0 * z0;
                    changed += (z1 - z0) * (z1 - z0);
                }
            }

            report.SetLayerOutputDrift(i, before > 0 ? Math.Sqrt(changed / before) : 0);
        }
    }

    /// <summary>‖W̃‖_F of layer <paramref name="layer"/>.</summary>
    private double LayerNorm(ReadOnlySpan<T> theta, int layer)
    {
        NullSpaceProjector p = projectors[layer];
        double sum = Reductions.DotAsDouble(theta.Slice(weightOffsets[layer], p.Width * p.FanIn), theta.Slice(weightOffsets[layer], p.Width * p.FanIn));
        if (p.HasBias) sum += Reductions.DotAsDouble(theta.Slice(biasOffsets[layer], p.Width), theta.Slice(biasOffsets[layer], p.Width));
        return Math.Sqrt(sum);
    }

    /// <summary>Layer <paramref name="layer"/>'s [W b] from a parameter-shaped span as a [k×d′] double matrix in the scratch (at <paramref name="offset"/>).</summary>
    private Span<double> Gather(ReadOnlySpan<T> source, int layer, int offset = 0)
    {
        NullSpaceProjector p = projectors[layer];
        int d = p.Dimension, k = p.Width;
        Span<double> g = layerStep.AsSpan(offset, k * d);
        for (int j = 0; j < k; j++)
        {
            for (int l = 0; l < p.FanIn; l++) g[j * d + l] = double.CreateTruncating(source[weightOffsets[layer] + j * p.FanIn + l]);
            if (p.HasBias) g[j * d + p.FanIn] = double.CreateTruncating(source[biasOffsets[layer] + j]);
        }

        return g;
    }

    private void Scatter(ReadOnlySpan<double> g, Span<T> destination, int layer)
    {
        NullSpaceProjector p = projectors[layer];
        int d = p.Dimension;
        for (int j = 0; j < p.Width; j++)
        {
            for (int l = 0; l < p.FanIn; l++) destination[weightOffsets[layer] + j * p.FanIn + l] = T.CreateTruncating(g[j * d + l]);
            if (p.HasBias) destination[biasOffsets[layer] + j] = T.CreateTruncating(g[j * d + p.FanIn]);
        }
    }

    private int MaxLayerSize()
    {
        int size = 0;
        foreach (NullSpaceProjector p in projectors) size = Math.Max(size, p.Width * p.Dimension);
        return size;
    }
}
