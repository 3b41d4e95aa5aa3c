using System;
using Teleport.Records;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// The checks of a part's <c>runs[i].details</c> against what <see cref="CorrelationStudy.Run"/> writes there: every
/// field, of its type and range. The merge copies the details into the result unchanged, so an edited detail
/// (a standard error of −5, −18 Lanczos iterations, <c>converged: "yes"</c>) would reach the merged result as if the
/// study had measured it.
/// </summary>
internal static class CorrelationRunDetails
{
    /// <summary>The fields the study writes, each always (a number it could not compute is null).</summary>
    private static readonly string[] Keys =
    [
        "test_accuracy", "hessian_trace_method", "hessian_trace_stderr", "hessian_top_eigenvalue_relative_residual",
        "hessian_top_eigenvalue_converged", "lanczos_iterations", "sharpness_phi_mean_perturbed_loss", "sharpness_phi_mean_loss",
        "curvature_psi_note", "measure_notes",
    ];

    /// <summary>The values of <c>hessian_trace_method</c> (<see cref="MeasureReport.MethodName"/>).</summary>
    private static readonly string[] Methods =
        [MeasureReport.MethodName(TraceMethod.Hutchinson), MeasureReport.MethodName(TraceMethod.ExactPerParameter), MeasureReport.MethodName(TraceMethod.ExactFirstLayerBlocks)];

    /// <summary>Checks <paramref name="details"/> of a run whose test accuracy is <paramref name="testAccuracy"/>.</summary>
    /// <exception cref="Teleport.Data.TeleportDataException">A field is missing, unknown, of another type or out of range (the message names it).</exception>
    public static void Check(FieldReader details, double testAccuracy)
    {
        foreach (var key in Keys)
            if (!details.Fields.ContainsKey(key))
                throw details.Fail(key, "is missing: a part's runs hold every detail the study writes, null when it has no number (an edited part, or one written by an older teleport: run its shard again)");
        foreach (var (key, _) in details.Extra(Keys))
            throw details.Fail(key, $"is not a detail the study writes ({string.Join(", ", Keys)})");

        // The details repeat the run's accuracy (the study writes both from one evaluation).
        if (details.Number("test_accuracy") is var accuracy && !accuracy.Equals(testAccuracy))
            throw details.Fail("test_accuracy", $"is {RecordJson.Text(accuracy)}, but the run's test_accuracy is {RecordJson.Text(testAccuracy)}: the details repeat the run's accuracy");

        var method = details.String("hessian_trace_method");
        if (Array.IndexOf(Methods, method) < 0)
            throw details.Fail("hessian_trace_method", $"is \"{method}\", not a trace method of the study ({string.Join(", ", Methods)})");
        // Hutchinson's standard error is s/√probes ≥ 0 (null when not finite); an exact trace has none: 0.
        if (NonNegative(details, "hessian_trace_stderr", "a standard error") is { } stderr && method != Methods[0] && stderr != 0)
            throw details.Fail("hessian_trace_stderr", $"is {RecordJson.Text(stderr)}, but the trace is {method}: an exact trace has standard error 0");
        // ‖Hv − θv‖/|θ| (null when θ = 0 or not computed).
        NonNegative(details, "hessian_top_eigenvalue_relative_residual", "a relative residual");
        details.Boolean("hessian_top_eigenvalue_converged");
        // Lanczos takes at least one step (one Hessian-vector product) before it can stop.
        details.Int32("lanczos_iterations", 1);
        // φ's mean losses are means of cross-entropy losses (null when not finite).
        NonNegative(details, "sharpness_phi_mean_perturbed_loss", "a cross-entropy loss");
        NonNegative(details, "sharpness_phi_mean_loss", "a cross-entropy loss");
        if (details.Has("curvature_psi_note")) details.String("curvature_psi_note");
        CheckMeasureNotes(details);
    }

    /// <summary>A finite number ≥ 0 or null: what the study writes for <paramref name="what"/>.</summary>
    private static double? NonNegative(FieldReader details, string key, string what)
    {
        var value = details.NullableFiniteNumber(key, $"the study writes {what} it could not compute as null");
        if (value < 0) throw details.Fail(key, $"is {RecordJson.Text(value.Value)}: {what} is ≥ 0");
        return value;
    }

    /// <summary>
    /// <c>measure_notes</c> is what the study writes: an object of notes (strings) by measure name. Anything else was
    /// read as "no reason given" without a word.
    /// </summary>
    private static void CheckMeasureNotes(FieldReader details)
    {
        var notes = details.Object("measure_notes");
        foreach (var (name, _) in notes.Fields)
        {
            if (!CorrelationMeasures.IsMeasure(name)) throw notes.Fail(name, NotAMeasure);
            notes.String(name);
        }
    }

    /// <summary>What a name outside <see cref="CorrelationMeasures.All"/> is not.</summary>
    public static string NotAMeasure => $"is not a measure of the study ({string.Join(", ", CorrelationMeasures.All)})";
}
