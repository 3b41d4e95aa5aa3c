using System.Collections.Generic;
using System.Linq;

namespace Teleport.Cli.Bench;

/// <summary>The middle of a sample (the mean of the two middle values for an even count). Also linked into tests/Teleport.Benchmarks.</summary>
internal static class Median
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
