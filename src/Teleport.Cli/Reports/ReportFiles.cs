namespace Teleport.Cli.Reports;

/// <summary>The files of a report folder: the Markdown page and its PNG plots (a folder holding only these may be replaced).</summary>
internal static class ReportFiles
{
    /// <summary>The report page.</summary>
    public const string Markdown = "report.md";

    /// <summary>Train and test loss against epoch, every arm.</summary>
    public const string LossByEpoch = "loss-by-epoch.png";

    /// <summary>Train loss against cumulative training time, every arm, with the target loss.</summary>
    public const string LossByTime = "loss-by-time.png";

    /// <summary>‖∇L‖² along each teleport's ascent (log scale).</summary>
    public const string TeleportGradNorm = "teleport-grad-norm.png";

    /// <summary>Each teleport's relative loss drift (log scale) against the tolerance.</summary>
    public const string TeleportLossDrift = "teleport-loss-drift.png";

    /// <summary>Every name a report folder may hold.</summary>
    public static readonly string[] All = [Markdown, LossByEpoch, LossByTime, TeleportGradNorm, TeleportLossDrift];
}
