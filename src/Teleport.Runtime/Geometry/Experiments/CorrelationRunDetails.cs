using System;
using Teleport.Records;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// A run's <c>details</c> in a correlation study: what <see cref="CorrelationStudy.Run"/> writes there (<see cref="Write"/>)
/// and the checks of a part's <c>runs[i].details</c> against it (<see cref="Check"/>): every field, of its type and range.
/// The merge copies the details into the result unchanged, so an edited detail (a standard error of −5, −18 Lanczos
/// iterations, <c>converged: "yes"</c>) would reach the merged result as if the study had measured it.
/// </summary>
internal static class CorrelationRunDetails
{
    // The fields' names, written and checked here only.
    private const string TestAccuracy = "test_accuracy";
    private const string TraceMethodKey = "hessian_trace_method";
    private const string TraceStandardError = "hessian_trace_stderr";
    private const string EigenvalueResidual = "hessian_top_eigenvalue_relative_residual";
    private const string EigenvalueConverged = "hessian_top_eigenvalue_converged";
    private const string LanczosIterations = "lanczos_iterations";
    private const string PhiMeanPerturbedLoss = "sharpness_phi_mean_perturbed_loss";
    private const string PhiMeanLoss = "sharpness_phi_mean_loss";
    private const string PsiNote = "curvature_psi_note";
    private const string MeasureNotes = "measure_notes";

    /// <summary>The fields the study writes, each always (a number it could not compute is null).</summary>
    private static readonly string[] Keys = [TestAccuracy, TraceMethodKey, TraceStandardError, EigenvalueResidual, EigenvalueConverged, LanczosIterations, PhiMeanPerturbedLoss, PhiMeanLoss, PsiNote, MeasureNotes];

    /// <summary>The details of one run: the trace's method and standard error, Lanczos' state, φ's mean losses, ψ's note and the notes of the measures that are not numbers.</summary>
    public static RecordFields Write(double? testAccuracy, TraceEstimate trace, EigenEstimate eigen, SharpnessResult phi, string? psiNote, RecordFields notes) =>
        new RecordFields()
            .Add(TestAccuracy, RecordValue.FromNullable(testAccuracy))
            .Add(TraceMethodKey, MeasureReport.MethodName(trace.Method))
            .Add(TraceStandardError, Finite(trace.StandardError))
            .Add(EigenvalueResidual, Finite(eigen.RelativeResidual))
            .Add(EigenvalueConverged, eigen.Converged)
            .Add(LanczosIterations, eigen.Iterations)
            .Add(PhiMeanPerturbedLoss, Finite(phi.MeanPerturbedLoss))
            .Add(PhiMeanLoss, Finite(phi.MeanLoss))
            .Add(PsiNote, psiNote is null ? RecordValue.Null : psiNote)
            .Add(MeasureNotes, notes);

    /// <summary>A detail's number, or null when it is NaN or ±∞ (then <c>measure_notes</c> says why).</summary>
    private static RecordValue Finite(double value) => double.IsFinite(value) ? value : RecordValue.Null;

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
        if (details.Number(TestAccuracy) is var accuracy && !accuracy.Equals(testAccuracy))
            throw details.Fail(TestAccuracy, $"is {RecordJson.Text(accuracy)}, but the run's test_accuracy is {RecordJson.Text(testAccuracy)}: the details repeat the run's accuracy");

        var method = details.String(TraceMethodKey);
        if (Array.IndexOf(Methods, method) < 0)
            throw details.Fail(TraceMethodKey, $"is \"{method}\", not a trace method of the study ({string.Join(", ", Methods)})");
        // Hutchinson's standard error is s/√probes ≥ 0 (null when not finite); an exact trace has none: 0.
        if (NonNegative(details, TraceStandardError, "a standard error") is { } stderr && method != Methods[0] && stderr != 0)
            throw details.Fail(TraceStandardError, $"is {RecordJson.Text(stderr)}, but the trace is {method}: an exact trace has standard error 0");
        // ‖Hv − θv‖/|θ| (null when θ = 0 or not computed).
        NonNegative(details, EigenvalueResidual, "a relative residual");
        details.Boolean(EigenvalueConverged);
        // Lanczos takes at least one step (one Hessian-vector product) before it can stop.
        details.Int32(LanczosIterations, 1);
        // φ's mean losses are means of cross-entropy losses (null when not finite).
        NonNegative(details, PhiMeanPerturbedLoss, "a cross-entropy loss");
        NonNegative(details, PhiMeanLoss, "a cross-entropy loss");
        if (details.Has(PsiNote)) details.String(PsiNote);
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
        var notes = details.Object(MeasureNotes);
        foreach (var (name, _) in notes.Fields)
        {
            if (!CorrelationMeasures.IsMeasure(name)) throw notes.Fail(name, NotAMeasure);
            notes.String(name);
        }
    }

    /// <summary>What a name outside <see cref="CorrelationMeasures.All"/> is not.</summary>
    public static string NotAMeasure => $"is not a measure of the study ({string.Join(", ", CorrelationMeasures.All)})";
}
