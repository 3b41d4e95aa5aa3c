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
        if (fields.ContainsKey("hessian_trace") || fields.ContainsKey("sharpness_phi")) return "a `teleport measure` result";
        if (fields.ContainsKey("variant") && fields.ContainsKey("meta_training_seconds")) return "a `teleport meta-train` curve (its report is written by meta-train --report)";
        if (fields.ContainsKey("arms") && fields.ContainsKey("test_tasks")) return "a `teleport meta` or `meta-test` result (its report is written by meta-test --report)";
        return null;
    }
}
