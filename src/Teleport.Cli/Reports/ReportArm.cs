using Teleport.Records;

namespace Teleport.Cli.Reports;

/// <summary>One run of a report: its arm's name (baseline, teleport, control, or the run's own) and its record.</summary>
/// <param name="Name">The arm, as the record's <c>config.arm</c> names it.</param>
/// <param name="Run">The run record.</param>
/// <param name="TimeToTarget">Its time to the baseline's final train loss (compare records, arms other than the baseline).</param>
internal sealed record ReportArm(string Name, RunRecord Run, TimeToTargetResult? TimeToTarget);
