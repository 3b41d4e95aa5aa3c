using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

/// <summary>
/// Level-set teleport (Mishkin, Bietti, Gower 2024): maximise ½·log‖∇L(θ)‖² subject to L(θ) = L₀ (or L ≤ L₀ in
/// sub-level mode) over the whole parameter vector, by normalised sequential linear programming. It needs only
/// <see cref="IDifferentiableModel{T}.LossAndGradient"/> and <see cref="IDifferentiableModel{T}.HessianVectorProduct"/>,
/// so it teleports any network — including one with no exact symmetry.
/// </summary>
/// <remarks>
/// <para>
/// One SLP iteration at θ with g = ∇L, q = H·g (one HVP), s = q/‖g‖² (the gradient of ½·log‖g‖²):
/// θ⁺ = θ + ρ·s − c·g, c = (ρ·gᵀs + L − L₀)/‖g‖², the step that maximises the linearised objective while the
/// linearised constraint lands on L₀ (sub-level mode: the correction −c·g only when c &gt; 0). With
/// <see cref="LevelSetOptions.LineSearch"/>, ρ backtracks (×β) until the Armijo condition on the merit
/// M = ½·log‖g‖² − γ·pen(L − L₀) holds: M(θ⁺) ≥ ½·log‖g‖² − (1 − α)·γ·pen(L − L₀) + α·sᵀ(θ⁺ − θ)/2, with
/// pen = |·| (sub-level: max(·, 0)) and γ = 0.1·(qᵀg·c)/(‖g‖⁴·pen(L − L₀)) (0.1 when pen is within
/// <see cref="LevelSetOptions.ConstraintTolerance"/> — the authors' code: when pen = 0, which a rounding-level gap defeats); ρ grows by 1/β when
/// the two sides' ratio is ≥ 5, and a line search that fails leaves θ and multiplies ρ by β⁻⁵ (as the authors' code).
/// The solver stops at the KKT point: ‖(gᵀs/‖g‖²)·g − s‖² ≤ <see cref="LevelSetOptions.KktTolerance"/> and
/// pen(L − L₀) ≤ <see cref="LevelSetOptions.ConstraintTolerance"/>.
/// </para>
/// <para>
/// <b>Guard.</b> A trial point whose loss, ‖∇L‖² or parameters are not all finite is rejected before the merit reads it
/// (<see cref="NonFiniteRule"/>, the group ascent's rule: ½·log ∞ = ∞ had passed the Armijo test when a float gradient
/// overflowed while the loss stayed finite) and ρ backtracks; a line search whose last trial was not finite stops the
/// teleport <see cref="TeleportStopReason.NonFinite"/>. SLP iterates leave the level set between corrections, so the drift
/// guard judges every iterate: one is <i>feasible</i> when its loss is within <see cref="TeleportOptions.LossTolerance"/>
/// of L₀ (sub-level: not above L₀ + the tolerance) and ‖∇L‖² ≤ the cap. The parameters end at the feasible iterate
/// with the largest ‖∇L‖² (the start if none beats it): an infeasible end is rolled back.
/// </para>
/// <para>
/// <b>Trust radius.</b> A trial that is not finite, from a step ρ·s longer than r·‖θ‖ (r =
/// <see cref="TeleportOptions.MaxStepNorm"/>, relative as the null-space ascent's), is retried at that radius,
/// ρ = r·‖θ‖/‖s‖ (the norms in double), rather than at ρ·β; a ρ beyond T's range (1e39 for float: r·s would be ∞ or
/// NaN whatever s) starts there without a trial. ρ = 1e30 on a float model had overflowed every trial of its 25
/// backtracks (down to ρ·β²⁴ ≈ 6e22) and stopped "non-finite" where it began — as the group ascent's η did before its
/// steps were formed in double at the radius. The authors' solver has no trust region; this one binds only after a
/// trial that was not finite, so a search whose trials are all finite runs as theirs. Without the line search the
/// clipped step is the one retry. r = +∞: no radius, every trial as before.
/// </para>
/// <para>
/// <b>Restoration</b> (<see cref="LevelSetOptions.Restorations"/>, this library's addition): when the last iterate beats
/// every feasible one but sits outside the tolerance, Newton steps along −∇L pull it onto the level set before the
/// guard decides (on the paper's network SLP's gap stayed at 1e-3–1e-2 of L while the tolerance is 1e-5).
/// </para>
/// <para>Allocation-free after the first teleport at a batch size (the model's own buffers included).</para>
/// </remarks>
public sealed class LevelSetTeleporter<T> : ITeleportSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The smallest ρ before the solver gives up (the authors' value).</summary>
    public const double MinimumStepSize = 1e-16;

    /// <summary>Scale of the merit function's penalty weight γ (the authors' value).</summary>
    private const double PenaltyScale = 0.1;

    /// <summary>The line search grows ρ when the Armijo sides' ratio is at least this (the authors' value).</summary>
    private const double GrowRatio = 5;

    private readonly IDifferentiableModel<T> model;
    private readonly TeleportOptions defaultOptions = new() { Method = TeleportMethod.LevelSet };
    private T[] gradient;
    private T[] trialGradient;
    private readonly T[] direction;
    private readonly T[] previous;
    private readonly T[] best;

    /// <summary>A level-set teleporter for <paramref name="model"/> (buffers sized from its parameter count).</summary>
    public LevelSetTeleporter(IDifferentiableModel<T> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        int count = model.Parameters.Length;
        gradient = new T[count];
        trialGradient = new T[count];
        direction = new T[count];
        previous = new T[count];
        best = new T[count];
        Report = new TeleportReport(defaultOptions.LevelSet.Steps, 0);
    }

    /// <summary>The report of the last teleport (refilled in place).</summary>
    public TeleportReport Report { get; }

    /// <summary>
    /// Teleports the model on one batch with the float guard (the model's own loss) and returns <see cref="Report"/>.
    /// <see cref="Teleporter{T}"/> calls the same solver with its double guard.
    /// </summary>
    public TeleportReport Teleport(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions? options = null) =>
        TeleportSolver.Run<T, LevelSetTeleporter<T>>(this, Report, inputs, targets, options ?? defaultOptions);

    /// <summary>
    /// The solver: fills the report's "before" values, iterations and traces, leaves the parameters at the best feasible
    /// iterate and <paramref name="loss"/> / <paramref name="objective"/> at its judged loss and ‖∇L‖².
    /// </summary>
    TeleportStopReason ITeleportSolver<T>.Solve(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, TeleportReport report, ILossJudge<T> judge, ref double loss, ref double objective) =>
        Solve(inputs, targets, options, report, judge, ref loss, ref objective);

    /// <inheritdoc cref="ITeleportSolver{T}.Solve"/>
    internal TeleportStopReason Solve(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, TeleportReport report, ILossJudge<T> judge, ref double loss, ref double objective)
    {
        LevelSetOptions settings = options.LevelSet;
        report.Method = TeleportMethod.LevelSet;
        report.ReserveIterations(settings.Steps + 1);
        Span<T> theta = model.Parameters;
        double f = double.CreateTruncating(model.LossAndGradient(inputs, targets, gradient));
        double g2 = Reductions.DotAsDouble<T>(gradient, gradient);
        double lossBefore = judge.StepLoss(T.CreateTruncating(f));
        report.LossBefore = lossBefore;
        report.GradNormSquaredBefore = g2;
        report.AddTrace(g2);
        (loss, objective) = (lossBefore, g2);
        if (!double.IsFinite(f) || NonFiniteRule.Rejects<T>(lossBefore, g2, theta) || !AllFinite(gradient))
        {
            return TeleportStopReason.NonFinite;
        }

        if (g2 > options.GradientNormSquaredCap)
        {
            return TeleportStopReason.CapReached;
        }

        if (g2 == 0)
        {
            return TeleportStopReason.NoImprovement;
        }

        double f0 = f;
        double allowed = options.LossTolerance * Math.Max(Math.Abs(lossBefore), TeleportReport.LossScaleFloor);
        theta.CopyTo(best);
        double rho = settings.StepSize;
        bool sub = settings.SubLevel;
        TeleportStopReason reason = TeleportStopReason.Completed;
        for (int iterate = 0; ; iterate++)
        {
            if (judge.Cancellation.IsCancellationRequested)
            {
                // a stop request: back to the kept iterate (the feasible one with the largest ‖∇L‖² so far, θ₀ at first)
                best.CopyTo(theta);
                judge.Cancellation.ThrowIfCancellationRequested();
            }

            // s = H·g/‖g‖²: the gradient of ½·log‖g‖².
            model.HessianVectorProduct(inputs, targets, gradient, direction);
            Scale(direction, 1 / g2);
            double sg = Reductions.DotAsDouble<T>(direction, gradient);
            double ss = Reductions.DotAsDouble<T>(direction, direction);
            double gap = f - f0;
            double kkt = KktResidual(sg / g2);
            report.AddIteration(gap, kkt);
            if (!double.IsFinite(sg) || !double.IsFinite(ss))
            {
                reason = TeleportStopReason.NonFinite;
                break;
            }

            if (kkt <= settings.KktTolerance && Penalty(gap, sub) <= settings.ConstraintTolerance)
            {
                reason = TeleportStopReason.KktSatisfied;
                break;
            }

            if (iterate == settings.Steps)
            {
                break;
            }

            theta.CopyTo(previous);
            double atRadius = double.NaN; // ρ at the trust radius for this iterate's s, computed when a trial needs it
            if (!T.IsFinite(T.CreateTruncating(rho)))
            {
                // ρ beyond T's range: the step r·s is ∞ or NaN whatever s. Formed at the radius instead.
                rho = Math.Min(rho, atRadius = RhoAtRadius(previous, options.MaxStepNorm));
            }

            bool accepted = false, nonFinite = false, clipped = false;
            double nextF = double.NaN, nextG2 = double.NaN, ratio = 0;
            for (int attempt = 0; attempt < settings.MaxBacktracks; attempt++)
            {
                // θ⁺ = θ + ρ·s − c·g with c = (ρ·gᵀs + L − L₀)/‖g‖² (sub-level: only when c > 0).
                double c = (rho * sg + gap) / g2;
                if (sub && c <= 0) c = 0;
                Step(theta, previous, rho, c);
                nextF = double.CreateTruncating(model.LossAndGradient(inputs, targets, trialGradient));
                nextG2 = Reductions.DotAsDouble<T>(trialGradient, trialGradient);
                // Before the merit reads it: ½·log ∞ = ∞ passed the Armijo test (a float gradient that overflowed while the
                // loss stayed finite), and an infinite loss did too whenever γ < 0.
                nonFinite = NonFiniteRule.Rejects<T>(nextF, nextG2, theta);
                if (nonFinite && double.IsNaN(atRadius))
                {
                    atRadius = RhoAtRadius(previous, options.MaxStepNorm);
                }

                if (!settings.LineSearch)
                {
                    if (nonFinite && !clipped && atRadius < rho)
                    {
                        // the one retry without a line search: the step at the trust radius
                        (rho, clipped) = (atRadius, true);
                        report.RejectedSteps++;
                        attempt--;
                        continue;
                    }

                    accepted = !nonFinite && nextG2 > 0;
                    break;
                }

                if (nonFinite)
                {
                    // a step past the trust radius is retried at it: ×β alone left ρ = 1e30 overflowing for all 25 backtracks
                    rho = Math.Min(rho * settings.BacktrackFactor, atRadius);
                    report.Backtracks++;
                    report.RejectedSteps++;
                    continue;
                }

                double penalty = Penalty(gap, sub);
                // γ from the authors' formula, except on the level set to within the constraint tolerance: there the
                // gap is rounding, and dividing by it made γ ~1e14 and failed every later line search (a quadratic
                // in double stalled at KKT 1e-3).
                double gamma = penalty > settings.ConstraintTolerance ? PenaltyScale * (sg * g2 * c) / (g2 * g2 * penalty) : PenaltyScale;
                double lhs = 0.5 * Math.Log(nextG2) - gamma * Penalty(nextF - f0, sub);
                double rhs = 0.5 * Math.Log(g2) - (1 - settings.Armijo) * gamma * penalty + settings.Armijo * (rho * ss - c * sg) / 2;
                if (lhs >= rhs)
                {
                    accepted = true;
                    ratio = lhs / rhs;
                    break;
                }

                rho *= settings.BacktrackFactor;
                report.Backtracks++;
                report.RejectedSteps++;
            }

            if (!accepted)
            {
                previous.CopyTo(theta);
                // As the group ascent: when even the shortest trial was not finite, the teleport stops for that reason.
                if (!settings.LineSearch || nonFinite)
                {
                    reason = TeleportStopReason.NonFinite;
                    break;
                }

                // The authors' recovery: keep θ, try a longer step next time.
                rho *= Math.Pow(1 / settings.BacktrackFactor, 5);
                report.FinalLearningRate = rho;
                if (rho <= MinimumStepSize)
                {
                    reason = TeleportStopReason.LineSearchFailed;
                    break;
                }

                continue;
            }

            (gradient, trialGradient) = (trialGradient, gradient);
            (f, g2) = (nextF, nextG2);
            report.StepsTaken++;
            report.AddTrace(g2);
            if (settings.LineSearch && ratio >= GrowRatio)
            {
                rho /= settings.BacktrackFactor;
            }

            report.FinalLearningRate = rho;
            if (rho <= MinimumStepSize)
            {
                reason = TeleportStopReason.LineSearchFailed;
                break;
            }

            // The drift guard: keep the feasible iterate with the largest ‖∇L‖² (an accepted iterate is finite: NonFiniteRule).
            if (g2 > objective && g2 <= options.GradientNormSquaredCap)
            {
                double judged = judge.StepLoss(T.CreateTruncating(f));
                double drift = judged - lossBefore;
                if (double.IsFinite(judged) && (sub ? drift : Math.Abs(drift)) <= allowed)
                {
                    theta.CopyTo(best);
                    (loss, objective) = (judged, g2);
                    report.EndIterate = report.StepsTaken;
                }
            }

            if (g2 > options.GradientNormSquaredCap)
            {
                reason = TeleportStopReason.CapReached;
                break;
            }
        }

        if (reason is not (TeleportStopReason.NonFinite or TeleportStopReason.CapReached) && report.EndIterate != report.StepsTaken && g2 > objective)
        {
            Restore(inputs, targets, options, report, judge, f0, lossBefore, f, g2, ref loss, ref objective);
        }

        if (report.EndIterate != report.StepsTaken || reason is TeleportStopReason.NonFinite)
        {
            best.CopyTo(theta);
        }

        return reason;
    }

    /// <summary>
    /// Newton steps onto the level set from the last iterate (θ, with <c>gradient</c> at θ): θ ← θ − c·∇L,
    /// c = (L − L₀)/‖∇L‖² (sub-level: only while L &gt; L₀), the step that zeroes the linearised gap; quadratic
    /// convergence near the level set. The first feasible point with a larger ‖∇L‖² than the best so far becomes the end.
    /// </summary>
    private void Restore(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, TeleportReport report, ILossJudge<T> judge,
        double f0, double lossBefore, double f, double g2, ref double loss, ref double objective)
    {
        Span<T> theta = model.Parameters;
        bool sub = options.LevelSet.SubLevel;
        double allowed = options.LossTolerance * Math.Max(Math.Abs(lossBefore), TeleportReport.LossScaleFloor);
        for (int r = 0; r < options.LevelSet.Restorations; r++)
        {
            double c = (f - f0) / g2;
            if (sub && c < 0) c = 0;
            T k = T.CreateTruncating(c);
            for (int i = 0; i < theta.Length; i++) theta[i] -= k * gradient[i];
            f = double.CreateTruncating(model.LossAndGradient(inputs, targets, gradient));
            g2 = Reductions.DotAsDouble<T>(gradient, gradient);
            report.RestorationSteps++;
            if (NonFiniteRule.Rejects<T>(f, g2, theta) || g2 <= objective || g2 > options.GradientNormSquaredCap)
            {
                return;
            }

            double judged = judge.StepLoss(T.CreateTruncating(f));
            double drift = judged - lossBefore;
            if (double.IsFinite(judged) && (sub ? drift : Math.Abs(drift)) <= allowed)
            {
                theta.CopyTo(best);
                (loss, objective) = (judged, g2);
                report.EndIterate = report.StepsTaken;
                report.AddTrace(g2);
                return;
            }
        }
    }

    /// <summary>
    /// ρ with ‖ρ·s‖ = r·‖θ‖ at <paramref name="from"/> (the norms in double, scaled: a float s above 1.8e19 has ‖s‖ = ∞ in
    /// float); +∞ when it is not a positive finite number (r = +∞, θ = 0, s = 0): no radius then.
    /// </summary>
    private double RhoAtRadius(ReadOnlySpan<T> from, double radius)
    {
        double rho = radius * LayerAlgebra.ScaledNorm(from) / LayerAlgebra.ScaledNorm<T>(direction);
        return rho > 0 && double.IsFinite(rho) ? rho : double.PositiveInfinity;
    }

    /// <summary>‖(gᵀs/‖g‖²)·g − s‖², the part of s not along g (zero at a KKT point).</summary>
    private double KktResidual(double along)
    {
        double sum = 0;
        for (int i = 0; i < gradient.Length; i++)
        {
            double r = along * double.CreateTruncating(gradient[i]) - double.CreateTruncating(direction[i]);
            sum += r * r;
        }

        return sum;
    }

    /// <summary>θ = θ_prev + ρ·s − c·g.</summary>
    private void Step(Span<T> theta, ReadOnlySpan<T> from, double rho, double c)
    {
        T r = T.CreateTruncating(rho), k = T.CreateTruncating(c);
        for (int i = 0; i < theta.Length; i++)
        {
            theta[i] = from[i] + r * direction[i] - k * gradient[i];
        }
    }

    private static double Penalty(double gap, bool sub) => sub ? Math.Max(gap, 0) : Math.Abs(gap);

    private static void Scale(Span<T> values, double factor) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, T.CreateTruncating(factor), values);

    private static bool AllFinite(ReadOnlySpan<T> values) => LayerAlgebra.AllFinite(values);
}
