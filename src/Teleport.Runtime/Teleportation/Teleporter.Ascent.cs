using System;
using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Threading;
using Teleport.Kernels;

namespace Teleport.Teleportation;

public sealed partial class Teleporter<T>
{
    /// <summary>
    /// Teleports the model on one batch and returns <see cref="Report"/> (refilled in place).
    /// </summary>
    /// <remarks>
    /// <para>
    /// One evaluation gives L₀, F₀ and T_s = ∂F/∂T_s for the active symmetries (<see cref="SymmetrySelection"/>, then
    /// <see cref="TeleportOptions.OnlyLayer"/>): for ‖∇L‖² one call to <see cref="ITeleportable{T}.TeleportObjectiveGradient"/>,
    /// for the other objectives <see cref="TeleportObjective"/>'s cotangent through <see cref="ILieAlgebraAdjoint{T}"/>
    /// (or κ′·M for the curvature). With <see cref="ObjectiveDirection.Decrease"/> the step is −η·T_s and "no
    /// improvement" means F rose; the cap applies only while increasing. Each step forms
    /// X_s = η·T_s, scaled down to ‖X_s‖_F ≤ r (the trust radius, initially
    /// <see cref="TeleportOptions.MaxStepNorm"/>), maps it to g_s (<see cref="GroupElements"/>), applies
    /// the g_s in layer order, and evaluates the objective at the new point — which also provides the
    /// next step's T. The step is accepted only if every parameter, L, F and T is finite,
    /// |L − L₀| ≤ tol·max(|L₀|, 1e-30) against the loss before the teleport (so drift cannot
    /// accumulate over steps), F ≤ cap, and (with <see cref="TeleportOptions.RequireAscent"/>) F did
    /// not decrease. Otherwise the parameters are restored from a snapshot of the last accepted point,
    /// η and r are multiplied by <see cref="TeleportOptions.BacktrackFactor"/> (and stay so for the
    /// rest of the teleport), and the step is retried, up to <see cref="TeleportOptions.MaxBacktracks"/>
    /// times; then the teleport stops with the last rejection's reason. A failed group element or
    /// action counts as non-finite, an action refused because it would leave σ's range as a range
    /// violation. A step accepted after a retry that crossed the cap ends the
    /// teleport (<see cref="TeleportStopReason.CapReached"/>): ‖∇L‖² is then within one backtrack
    /// of the cap, and creeping closer would waste steps.
    /// </para>
    /// <para>
    /// The parameters always end at an accepted point (the start if no step was accepted); the report's
    /// "after" values are that point's. With no usable symmetry nothing moves and the report says
    /// <see cref="TeleportStopReason.NoSymmetry"/> (its loss and ‖∇L‖² come from one gradient evaluation).
    /// An objective other than ‖∇L‖² also keeps ‖∇L‖², which the report gives, finite: see
    /// <see cref="AscendKeepingGradientNormFinite"/>.
    /// </para>
    /// </remarks>
    /// <param name="inputs">The teleport batch [n, InputSize].</param>
    /// <param name="targets">Its targets.</param>
    /// <param name="options">Settings; null for the defaults of <see cref="TeleportOptions"/>.</param>
    public TeleportReport Teleport(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions? options = null) =>
        Teleport(inputs, targets, options, CancellationToken.None);

    /// <summary>
    /// <see cref="Teleport(ReadOnlySpan{T}, Targets{T}, TeleportOptions?)"/> that stops when <paramref name="cancellation"/> is
    /// signalled: one evaluation of the sharpness objective costs <see cref="TeleportObjectiveOptions.SharpnessDirections"/> × radii
    /// forward and backward passes and the trace objective one pass per probe, so with many directions or probes a single step
    /// can run for hours. The token is checked before each step (of every <see cref="TeleportOptions.Method"/>) and between
    /// directions, probes and Lanczos iterations (never inside a kernel).
    /// </summary>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellation"/> was signalled. The parameters are back at the last accepted point (the start if no
    /// step was accepted), as after a rejected step; the report and the accumulated group elements describe nothing and must
    /// not be used (nor transported). The canceled teleport does not count: the next one draws the random directions and
    /// probes of its objective as this one would have, so a caller that restores θ₀ and teleports again repeats it exactly.
    /// </exception>
    public TeleportReport Teleport(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions? options, CancellationToken cancellation)
    {
        this.cancellation = cancellation;
        long teleportsBefore = teleportCount;
        try
        {
            return TeleportOnce(inputs, targets, options);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            teleportCount = teleportsBefore;
            throw;
        }
        finally
        {
            this.cancellation = CancellationToken.None;
        }
    }

    private TeleportReport TeleportOnce(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions? options)
    {
        cancellation.ThrowIfCancellationRequested();
        options ??= defaultOptions;
        long start = Stopwatch.GetTimestamp();
        if (options.Method != TeleportMethod.Group)
        {
            return TeleportWithoutGroup(inputs, targets, options, start);
        }

        CheckObjectiveSupported(options);
        TeleportReport report = Report;
        report.Reset(options.Steps, options.LearningRate);
        report.Objective = options.Objective;
        report.Direction = options.Direction;
        ResetAccumulated();
        int activeCount = SelectActive(inputs, options);
        objectiveStream = teleportCount++;
        foreach (int s in order)
        {
            if (active[s])
            {
                report.AddSymmetry(ids[s]);
            }
        }

        bool gradientNorm = options.Objective == TeleportObjective.GradientNorm;
        double gradNormBefore = gradientNorm ? double.NaN : GradientNormSquared(inputs, targets);
        double loss, objective;
        if (activeCount == 0 && gradientNorm)
        {
            loss = double.CreateTruncating(model.LossAndGradient(inputs, targets, gradient));
            objective = double.CreateTruncating(Reductions.SumOfSquares<T>(gradient));
        }
        else
        {
            // The session lets the model cache batch-only quantities across the evaluations below (none when the
            // gradient is transported: the batch is read once); the other objectives move the parameters outside the
            // group actions (perturbed points), so they run without one.
            transporting = gradientNorm && CanTransport(options);
            if (gradientNorm && activeCount != 0 && !transporting) model.BeginTeleportSession(inputs);
            (loss, objective) = Evaluate(inputs, targets, options, lieCurrent, trial: false);
        }

        report.LossBefore = loss;
        report.ObjectiveBefore = objective;
        report.AddTrace(objective);
        double gradNormAfter = gradNormBefore; // another objective's ‖∇L‖² at the end (θ₀'s when nothing moves)
        try
        {
            report.StopReason = activeCount == 0 ? TeleportStopReason.NoSymmetry
                : gradientNorm ? AscendGuarded(inputs, targets, options, ref loss, ref objective)
                : AscendKeepingGradientNormFinite(inputs, targets, options, gradNormBefore, ref loss, ref objective, out gradNormAfter);
        }
        finally
        {
            // a transporting teleport opens the session only when it falls back to recomputing
            if (gradientNorm && activeCount != 0 && !transporting) model.EndTeleportSession();
            transporting = false;
        }

        report.LossAfter = loss;
        report.ObjectiveAfter = objective;
        report.GradNormSquaredBefore = gradientNorm ? report.ObjectiveBefore : gradNormBefore;
        report.GradNormSquaredAfter = gradientNorm ? objective : gradNormAfter;
        report.Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return report;
    }

    /// <summary>‖∇L‖² at the current parameters (the report's for the objectives other than ‖∇L‖²).</summary>
    private double GradientNormSquared(ReadOnlySpan<T> inputs, Targets<T> targets)
    {
        model.LossAndGradient(inputs, targets, gradient);
        return double.CreateTruncating(Reductions.SumOfSquares<T>(gradient));
    }

    /// <summary>The guarded ascent loop; <paramref name="loss"/> and <paramref name="objective"/> end at the last accepted point.</summary>
    private TeleportStopReason Ascend(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, ref double loss, ref double objective)
    {
        Span<T> parameters = model.Parameters;
        if (NonFiniteRule.Rejects<T>(loss, objective, parameters, halves) || !ActiveFinite(lieCurrent))
        {
            return TeleportStopReason.NonFinite;
        }

        bool increase = options.Direction == ObjectiveDirection.Increase;
        if (increase && objective > Cap(options))
        {
            return TeleportStopReason.CapReached;
        }

        TeleportReport report = Report;
        double lossBefore = loss;
        double allowedDrift = options.LossTolerance * Math.Max(Math.Abs(lossBefore), TeleportReport.LossScaleFloor);
        double eta = options.LearningRate, radius = options.MaxStepNorm;
        LongVectors.Copy<T>(parameters, snapshot, halves);
        for (int step = 0; step < options.Steps; step++)
        {
            bool crossedCap = false;
            TeleportStopReason? lastRejection = null;
            for (int attempt = 0; ; attempt++)
            {
                // Here the parameters are the last accepted point (the snapshot).
                cancellation.ThrowIfCancellationRequested();
                // Logarithmic ascent: ∂log F/∂T = (∂F/∂T)/F; descent steps against the gradient.
                double scale = options.LogarithmicAscent ? eta / Math.Max(Math.Abs(objective), TeleportReport.LossScaleFloor) : eta;
                if (!FormSteps(increase ? scale : -scale, radius, options.Objective == TeleportObjective.Curvature))
                {
                    return TeleportStopReason.NoImprovement;
                }

                // κ′ is the derivative along the exponential curve: the curvature step maps by exp whatever the options say.
                TeleportStopReason? rejection = ApplySteps(inputs, options.Objective == TeleportObjective.Curvature ? GroupElementMap.Exponential : options.Map, out bool moves);
                if (!moves)
                {
                    // every g_s rounded to the identity (|X| below half an ulp of 1): θ did not move, as when η·T is zero; after
                    // a retry, shorter steps would not move either, and the longer one's rejection is why the step failed
                    return lastRejection ?? TeleportStopReason.NoImprovement;
                }

                double trialLoss = double.NaN, trialObjective = double.NaN;
                if (rejection is null)
                {
                    double modelLoss;
                    try
                    {
                        (modelLoss, trialObjective) = Evaluate(inputs, targets, options, lieTrial, trial: true);
                    }
                    catch (OperationCanceledException)
                    {
                        // stopped at the trial point: back to the last accepted one, as for a rejected step
                        LongVectors.Copy<T>(snapshot, parameters, halves);
                        model.InvalidateTeleportSession();
                        throw;
                    }

                    trialLoss = StepLoss(modelLoss);
                    rejection = Judge(parameters, trialLoss, trialObjective, TrialGradientNormSquared(inputs, targets), lossBefore, allowedDrift, objective, options);
                }

                if (rejection is null)
                {
                    (lieCurrent, lieTrial) = (lieTrial, lieCurrent);
                    (loss, objective) = (trialLoss, trialObjective);
                    AcceptTrialGradient();
                    Accumulate();
                    LongVectors.Copy<T>(parameters, snapshot, halves);
                    report.AddTrace(objective);
                    report.StepsTaken++;
                    if (crossedCap)
                    {
                        // a longer step would cross the cap: ‖∇L‖² has reached it
                        return TeleportStopReason.CapReached;
                    }

                    break;
                }

                crossedCap |= rejection == TeleportStopReason.CapReached;
                lastRejection = rejection;
                LongVectors.Copy<T>(snapshot, parameters, halves);
                model.InvalidateTeleportSession();
                report.RejectedSteps++;
                if (attempt >= options.MaxBacktracks)
                {
                    return rejection.Value;
                }

                eta *= options.BacktrackFactor;
                radius *= options.BacktrackFactor;
                report.Backtracks++;
                report.FinalLearningRate = eta;
            }
        }

        return TeleportStopReason.Completed;
    }

    /// <summary>
    /// Why a trial point is rejected, or null to accept it. <paramref name="trialGradNormSquared"/> is ‖∇L‖² there when an
    /// objective other than ‖∇L‖² judges it too (<see cref="TrialGradientNormSquared"/>), else 0.
    /// </summary>
    private TeleportStopReason? Judge(ReadOnlySpan<T> parameters, double trialLoss, double trialObjective, double trialGradNormSquared, double lossBefore, double allowedDrift, double objective, TeleportOptions options)
    {
        if (NonFiniteRule.Rejects(trialLoss, trialObjective, parameters, halves) || !double.IsFinite(trialGradNormSquared) || !ActiveFinite(lieTrial))
        {
            return TeleportStopReason.NonFinite;
        }

        if (Math.Abs(trialLoss - lossBefore) > allowedDrift)
        {
            return TeleportStopReason.DriftLimit;
        }

        bool increase = options.Direction == ObjectiveDirection.Increase;
        if ((increase && trialObjective > Cap(options)) || trialGradNormSquared > options.GradientNormSquaredCap)
        {
            return TeleportStopReason.CapReached;
        }

        bool improves = increase ? trialObjective >= objective : trialObjective <= objective;
        return options.RequireAscent && !improves ? TeleportStopReason.NoImprovement : null;
    }

    /// <summary>The cap on the objective while increasing it: ‖∇L‖²'s own, or the other objectives'.</summary>
    private static double Cap(TeleportOptions options) =>
        options.Objective == TeleportObjective.GradientNorm ? options.GradientNormSquaredCap : options.ObjectiveSettings.Cap;

    /// <summary>
    /// g_s = map(X_s) and the model's action, for the active symmetries in layer order; null when all
    /// applied, else why the first failed. The model may apply only part of g_s (S3 near σ's range
    /// boundary) and writes back what it applied, which is what <see cref="Accumulate"/> multiplies.
    /// <paramref name="moves"/> is false, and nothing is applied, when every g_s is exactly the identity: a step X that is
    /// not zero but below half an ulp of 1 (η = 1e-12 on a float model: e^X = 1) had been accepted as a step that moved nothing.
    /// </summary>
    private TeleportStopReason? ApplySteps(ReadOnlySpan<T> inputs, GroupElementMap map, out bool moves)
    {
        moves = false;
        foreach (int s in order)
        {
            if (!active[s])
            {
                continue;
            }

            int length = ElementLength(s);
            ReadOnlySpan<T> x = steps.AsSpan(offsets[s], length);
            Span<T> g = elements.AsSpan(offsets[s], length);
            bool mapped = diagonal[s]
                ? GroupElements.TryMapDiagonal(map, x, g)
                : GroupElements.TryMap(map, x, g, widths[s], mapWorkspace, pivots);
            if (!mapped)
            {
                moves = true; // a failed element is a rejected step, not a stall
                return TeleportStopReason.NonFinite;
            }

            moves |= !IsIdentity(g, widths[s], diagonal[s]); // O(k²), as the map itself
        }

        if (!moves)
        {
            return null;
        }

        foreach (int s in order)
        {
            if (!active[s])
            {
                continue;
            }

            Span<T> g = elements.AsSpan(offsets[s], ElementLength(s));
            switch (model.ApplyGroupActionWithinDomain(s, g, inputs))
            {
                case GroupActionResult.Applied:
                    continue;
                case GroupActionResult.OutsideActivationRange:
                    return TeleportStopReason.RangeViolation;
                default:
                    return TeleportStopReason.NonFinite;
            }
        }

        return null;
    }

    /// <summary>Whether a group element is exactly the identity: every factor 1 (diagonal), or I (k×k row-major).</summary>
    private static bool IsIdentity(ReadOnlySpan<T> g, int k, bool isDiagonal)
    {
        for (int i = 0; i < g.Length; i++)
        {
            T identity = isDiagonal || i / k == i % k ? T.One : T.Zero;
            if (g[i] != identity)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the active slices of a Lie-algebra vector are finite.</summary>
    private bool ActiveFinite(ReadOnlySpan<T> lie)
    {
        for (int s = 0; s < ids.Length; s++)
        {
            if (active[s] && !LayerAlgebra.AllFinite(lie.Slice(offsets[s], ElementLength(s))))
            {
                return false;
            }
        }

        return true;
    }

    private int ElementLength(int s) => diagonal[s] ? widths[s] : widths[s] * widths[s];
}
