using System;

namespace Teleport.Cli.Reports;

/// <summary>One plot of a report: its file, the caption under it in report.md, and how to render it.</summary>
/// <param name="File">The PNG's file name (<see cref="ReportFiles"/>).</param>
/// <param name="Caption">What it shows, one or two sentences of Markdown.</param>
/// <param name="Render">Renders it as PNG bytes.</param>
internal sealed record ReportPlot(string File, string Caption, Func<byte[]> Render);
