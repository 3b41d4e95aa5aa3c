using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Teleport.Benchmarks.Kernels;

/// <summary>GFLOP/s = 2·m·k·n / median time, for benchmarks with a <see cref="GemmShape"/> parameter named Shape.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s (median)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "2·m·k·n floating-point operations per second at the median time, in billions";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        var shape = benchmarkCase.Parameters["Shape"] as GemmShape;
        if (report?.ResultStatistics is null || shape is null) return "-";
        double seconds = report.ResultStatistics.Median * 1e-9;
        return (shape.Flops / seconds / 1e9).ToString("F1", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
