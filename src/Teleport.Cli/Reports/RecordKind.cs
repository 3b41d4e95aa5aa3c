using System.Linq;
using Teleport.Records;

namespace Teleport.Cli.Reports;

/// <summary>
/// Names the record a JSON file holds when it is not one <c>teleport report</c> renders, from the fields each command
/// writes: so a measure or correlate file given to <c>report</c> is called what it is, rather than a run record
/// whose "epochs" are missing.
/// </summary>
internal static class RecordKind
{
    /// <summary>Whether <paramref name="value"/> is a run record (config and epochs) or a compare record (baseline and teleport).</summary>
    public static bool IsReportable(RecordValue value) =>
        value.Kind == RecordValueKind.Object
        && (value.Fields.ContainsKey("epochs") || (value.Fields.ContainsKey("baseline") && value.Fields.ContainsKey("teleport")))
        && !IsBench(value); // a bench result with its epoch case has "epochs" too ("\"epochs\" is an object, not an array")

    private static bool IsBench(RecordValue value) => value.Fields.ContainsKey("cases") && value.Fields.ContainsKey("fma_peak_gflops_256");

    /// <summary>
    /// microbench.py's output (tests/Teleport.Benchmarks/cnn_microbench.py): PyTorch's timings under "cases", one
    /// "threads_N" object per thread count, which <c>bench --torch</c> reads.
    /// </summary>
    private static bool IsMicrobench(RecordValue value) =>
        value.Fields.TryGetValue("cases", out var cases) && cases.Kind == RecordValueKind.Object
        && cases.Fields.Count > 0 && cases.Fields.Keys.All(k => k.StartsWith("threads_", System.StringComparison.Ordinal));

    /// <summary>
    /// The problem with a compare record that lost one of its two runs (an object with "baseline" or "teleport" but not
    /// both, and no "epochs" of a run record); null otherwise. Without this, such a file was read as a run record and
    /// refused because its "epochs" were missing — the wrong field.
    /// </summary>
    public static string? HalfACompare(RecordValue value)
    {
        if (value.Kind != RecordValueKind.Object || value.Fields.ContainsKey("epochs")) return null;
        var baseline = value.Fields.ContainsKey("baseline");
        var teleport = value.Fields.ContainsKey("teleport");
        if (baseline == teleport) return null;
        var (has, lacks) = baseline ? ("baseline", "teleport") : ("teleport", "baseline");
        return $"is a compare record with \"{has}\" but no \"{lacks}\": a compare record holds both runs (an edited or cut file?)";
    }

    /// <summary>The command whose output <paramref name="value"/> looks like, with what to do with it; null if none fits.</summary>
    public static string? Describe(RecordValue value)
    {
        if (value.Kind != RecordValueKind.Object) return null;
        var fields = value.Fields;
        if (fields.TryGetValue("kind", out var kind) && kind.Kind == RecordValueKind.String)
        {
            return kind.String switch
            {
                "teleport-correlate" => "a `teleport correlate` result (its report is written by correlate --report)",
                "teleport-correlate-part" => "a `teleport correlate` part (merge the parts with correlate --merge)",
                "teleport-generalize" => "a `teleport generalize` result (its report is written by generalize --report)",
                _ => null,
            };
        }
        if (IsBench(value)) return "a `teleport bench` result";
        if (IsMicrobench(value)) return "the JSON microbench.py writes (bench --torch)";
        if (fields.ContainsKey("hessian_trace") || fields.ContainsKey("sharpness_phi")) return "a `teleport measure` result";
        if (fields.ContainsKey("variant") && fields.ContainsKey("meta_training_seconds")) return "a `teleport meta-train` curve (its report is written by meta-train --report)";
        if (fields.ContainsKey("arms") && fields.ContainsKey("test_tasks")) return "a `teleport meta` or `meta-test` result (its report is written by meta-test --report)";
        return null;
    }
}
