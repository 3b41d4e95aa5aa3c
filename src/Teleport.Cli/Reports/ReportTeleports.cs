using Teleport.Data;
using Teleport.Records;

namespace Teleport.Cli.Reports;

/// <summary>
/// A run's <c>"teleports"</c> as <c>teleport report</c> renders them, checked with <see cref="TeleportEventRules"/> —
/// the rules a resume checks a checkpoint's history with: positions within their epochs, losses and ‖∇L‖² not negative
/// and finite unless the teleport stopped at a value it did not check, times, the trace, the gain and drift columns
/// beside them, and each epoch's <c>teleports</c> and <c>teleports_kept</c>. A bad-input sweep had rendered a teleport
/// with a NaN or negative loss, an infinite ‖∇L‖² (with a gain column that no longer matched) and a record whose events
/// were removed while its epoch still counted 8, all with exit 0.
/// </summary>
/// <remarks>
/// A record <c>teleport report</c> renders is a finished run's (every epoch recorded) of a run that stops on divergence:
/// the tool's runs always do, and one that trained on through NaN is refused by its epochs' values
/// (<see cref="ReportValues"/>). A teleport that stopped "non_finite" at a starting point that was not finite keeps its
/// values as the teleporter reported them; the table prints them (NaN, ∞) and the plots and summary leave them out.
/// </remarks>
internal static class ReportTeleports
{
    /// <exception cref="TeleportDataException">The first teleport value or count no finished run writes, with its place.</exception>
    public static void Check(string path, string prefix, RunRecord run)
    {
        if (TeleportEventRules.FirstProblem(run.Epochs, run.Teleports, runningAt: null, stopsOnDivergence: true, prefix) is { } problem)
            throw new TeleportDataException(path,
                $"\"{problem.Place}\" is {problem.Value}, {problem.Why}: teleport report renders the records of finished runs, and no run writes this (an edited file?)");
    }
}
