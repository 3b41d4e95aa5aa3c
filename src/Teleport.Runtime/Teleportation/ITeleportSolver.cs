using System;
using System.Diagnostics;
using System.Numerics;

namespace Teleport.Teleportation;

/// <summary>
/// A teleport method without a group (<see cref="LevelSetTeleporter{T}"/>, <see cref="NullSpaceTeleporter{T}"/>): one
/// guarded solve that fills the report's "before" values and diagnostics and leaves the parameters at its end point,
/// judged by the given <see cref="ILossJudge{T}"/>. <see cref="Teleporter{T}"/> runs it with its double guard; alone it runs with the
/// model's own loss (<see cref="TeleportSolver.Run"/>).
/// </summary>
internal interface ITeleportSolver<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    TeleportStopReason Solve(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, TeleportReport report, ILossJudge<T> judge, ref double loss, ref double objective);
}

/// <summary>Runs an <see cref="ITeleportSolver{T}"/> on its own: report reset, solve with the model's loss, after-values and time.</summary>
internal static class TeleportSolver
{
    /// <summary>Resets <paramref name="report"/> for <paramref name="options"/>' method (its iteration budget and initial step).</summary>
    public static void Reset(TeleportReport report, TeleportOptions options)
    {
        if (options.Method == TeleportMethod.LevelSet) report.Reset(options.LevelSet.Steps, options.LevelSet.StepSize);
        else report.Reset(options.Steps, options.LearningRate);
    }

    public static TeleportReport Run<T, TSolver>(TSolver solver, TeleportReport report, ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TSolver : ITeleportSolver<T>
    {
        long start = Stopwatch.GetTimestamp();
        Reset(report, options);
        double loss = double.NaN, objective = double.NaN;
        report.StopReason = solver.Solve(inputs, targets, options, report, ModelLossJudge<T>.Instance, ref loss, ref objective);
        report.LossAfter = loss;
        report.GradNormSquaredAfter = objective;
        report.ObjectiveBefore = report.GradNormSquaredBefore;
        report.ObjectiveAfter = objective;
        report.Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return report;
    }
}
