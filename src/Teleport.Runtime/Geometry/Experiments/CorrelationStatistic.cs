using Teleport.Geometry.Statistics;
using Teleport.Records;

namespace Teleport.Geometry.Experiments;

/// <summary>One measure against one target over the runs: Pearson and Spearman with p-values and bootstrap intervals.</summary>
public sealed record CorrelationStatistic(string Measure, string Target, CorrelationTest Pearson, BootstrapInterval PearsonInterval,
    CorrelationTest Spearman, BootstrapInterval SpearmanInterval)
{
    /// <summary>The statistic as record fields.</summary>
    public RecordFields ToFields() => new RecordFields()
        .Add("measure", Measure)
        .Add("target", Target)
        .Add("n", Pearson.Count)
        .Add("pearson", Describe(Pearson, PearsonInterval))
        .Add("spearman", Describe(Spearman, SpearmanInterval));

    /// <remarks>
    /// An interval is undefined (NaN ends) when fewer than 2 resamples had a defined coefficient (a resample that repeats
    /// one run has a constant variable): its ends are written as null, <c>bootstrap_valid</c> says how many were defined.
    /// </remarks>
    private static RecordFields Describe(CorrelationTest test, BootstrapInterval interval) => new RecordFields()
        .Add("r", test.R)
        .Add("p", test.PValue)
        .Add("ci_low", double.IsNaN(interval.Low) ? RecordValue.Null : interval.Low)
        .Add("ci_high", double.IsNaN(interval.High) ? RecordValue.Null : interval.High)
        .Add("ci_level", interval.Level)
        .Add("bootstrap_resamples", interval.Resamples)
        .Add("bootstrap_valid", interval.Valid);
}
