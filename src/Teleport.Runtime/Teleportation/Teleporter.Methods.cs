using System;
using System.Diagnostics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

/// <summary>
/// The non-group methods behind the same <see cref="Teleport(ReadOnlySpan{T}, Targets{T}, TeleportOptions?)"/> call (<see cref="TeleportOptions.Method"/>): the
/// level-set solver and the null-space ascent, each in its own file, with this teleporter's drift guard — in double
/// through the Float64 twin when the model has one, exactly as for the group ascent (end point checked; if float
/// rounding hid a drift, the teleport starts over from θ₀ with the double loss judging every step).
/// </summary>
public sealed partial class Teleporter<T> : ILossJudge<T>
{
    private LevelSetTeleporter<T>? levelSet;
    private NullSpaceTeleporter<T>? nullSpace;

    /// <inheritdoc />
    double ILossJudge<T>.StepLoss(T modelLoss) => StepLoss(double.CreateTruncating(modelLoss));

    /// <inheritdoc />
    System.Threading.CancellationToken ILossJudge<T>.Cancellation => cancellation;

    /// <summary>A level-set or null-space teleport (created on first use), guarded like the group ascent.</summary>
    private TeleportReport TeleportWithoutGroup(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, long start)
    {
        if (options.Objective != TeleportObjective.GradientNorm || options.Direction != ObjectiveDirection.Increase)
        {
            throw new ArgumentException($"The {options.Method} teleport raises ‖∇L‖² only; the {options.Objective} objective ({options.Direction}) needs the group teleport (TeleportMethod.Group).", nameof(options));
        }

        TeleportReport report = Report;
        ResetAccumulated();
        if (options.Method == TeleportMethod.LevelSet) levelSet ??= new LevelSetTeleporter<T>(model);
        else nullSpace ??= new NullSpaceTeleporter<T>(model);
        double loss = double.NaN, objective = double.NaN;
        Span<T> parameters = model.Parameters;
        if (guardModel is not null)
        {
            BeginGuard(inputs, targets);
            LongVectors.Copy<T>(parameters, origin, halves);
        }

        TeleportStopReason reason = Solve(inputs, targets, options, ref loss, ref objective);
        if (guardModel is not null)
        {
            // the judge's losses were the model's: check the end point in double against θ₀'s double loss
            LongVectors.Copy<T>(parameters, snapshot, halves);
            LongVectors.Copy<T>(origin, parameters, halves);
            double before = GuardLoss();
            LongVectors.Copy<T>(snapshot, parameters, halves);
            double after = report.StepsTaken == 0 ? before : GuardLoss();
            report.LossBefore = before;
            // the solver's own constraint: sub-level mode lets the loss fall by any amount (a two-sided check had solved every
            // such teleport a second time, judging each iterate in double, for an end point that already met it)
            double drift = after - before;
            bool oneSided = options.Method == TeleportMethod.LevelSet && options.LevelSet.SubLevel;
            if ((oneSided ? drift : Math.Abs(drift)) <= options.LossTolerance * Math.Max(Math.Abs(before), TeleportReport.LossScaleFloor))
            {
                loss = after;
            }
            else
            {
                LongVectors.Copy<T>(origin, parameters, halves);
                guardEveryStep = true;
                try
                {
                    reason = Solve(inputs, targets, options, ref loss, ref objective);
                }
                finally
                {
                    guardEveryStep = false;
                }
            }
        }

        report.StopReason = reason;
        report.LossAfter = loss;
        report.GradNormSquaredAfter = objective;
        report.ObjectiveBefore = report.GradNormSquaredBefore;
        report.ObjectiveAfter = objective;
        report.Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return report;
    }

    private TeleportStopReason Solve(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, ref double loss, ref double objective)
    {
        TeleportReport report = Report;
        TeleportSolver.Reset(report, options);
        return options.Method == TeleportMethod.LevelSet
            ? levelSet!.Solve(inputs, targets, options, report, this, ref loss, ref objective)
            : nullSpace!.Solve(inputs, targets, options, report, this, ref loss, ref objective);
    }
}
