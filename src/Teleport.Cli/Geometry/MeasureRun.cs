using System;
using System.Globalization;
using System.IO;
using Teleport.Cli.Commands;
using Teleport.Cli.Data;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Data;
using Teleport.Geometry;
using Teleport.Records;
using Teleport.Serialization;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Geometry;

/// <summary>
/// <c>teleport measure</c>: loads a model's weights, takes the first N samples of the test set (file order) or of the
/// training split, and computes every geometry measure there (<see cref="GeometryMeasures{T}"/>).
/// </summary>
internal static class MeasureRun
{
    public static int Execute(CliHost host, MeasureSettings s)
    {
        var output = new ConsoleOutput(host);
        var entry = ModelRegistry.Get(s.Model);
        if (DatasetCatalog.Mismatch(s.Dataset, entry) is { } problem) throw new UsageException(problem);
        var data = DataLoader.Load(new DataLoader.Request(s.Dataset, s.DataDirectory, host.FashionMnistDirectory, s.SplitSeed, null, null), entry);
        data.Tell(output);
        new PathPlan()
            .InputFile("--weights", s.Weights)
            .InputFiles(s.DataDirectory is null ? "data set" : "--data", data.Files)
            .OutputFile("--out", s.Out)
            .Check();

        var model = entry.Create();
        SafeTensors.ReadParameters<float>(s.Weights, entry.Info, model.Parameters);
        var on = s.OnTest ? "test" : "train";
        var set = s.OnTest ? data.Test ?? throw new UsageException($"--on test: {data.Name} has no test set; use --on train.") : data.Train;
        if (s.Samples > set.Count)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--samples {s.Samples} is more than the {Format.Count(set.Count, "sample")} of the {data.Name} {on} set."));

        var dataset = DatasetCatalog.Name(s.Dataset);
        var options = new MeasureOptions
        {
            ExactTrace = s.ExactTrace,
            TraceProbes = s.TraceProbes,
            EigenvalueTolerance = s.EigenvalueTolerance,
            Phi = SharpnessOptions.Paper(dataset),
            PhiGaussian = SharpnessOptions.GaussianDirections(dataset),
            Seed = s.Seed,
        };
        output.Line(string.Create(CultureInfo.InvariantCulture,
            $"measure: {entry.Name} from {s.Weights} on the first {Format.Count(s.Samples, on + " sample")} of {data.Name}; {(s.ExactTrace ? "exact trace" : $"Hutchinson trace ({Format.Count(s.TraceProbes, "probe")})")}, λmax to relative residual {s.EigenvalueTolerance:G3}"));
        var inputs = set.FeatureRows(0, s.Samples);
        Targets<float> targets = set.IsClassification ? new(set.LabelRange(0, s.Samples)) : new(set.TargetRows(0, s.Samples));
        RecordFields? teleport;
        try
        {
            teleport = s.TeleportSteps > 0 ? Teleport(output, model, s, set) : null;
        }
        catch (OperationCanceledException) when (host.Cancellation.IsCancellationRequested)
        {
            output.Notice("measure stopped during the teleport before measuring; no output written");
            return ExitCodes.Interrupted;
        }
        var measures = new GeometryMeasures<float>(model, options);
        // Every measure is a change of the loss or of its derivatives: where the loss itself is not a number there is
        // nothing to measure, and the weights (not a measure) are the problem.
        var loss = measures.Objective.Loss(inputs, targets);
        if (!double.IsFinite(loss))
            throw new TeleportDataException(s.Weights, string.Create(CultureInfo.InvariantCulture,
                $"the loss on the first {Format.Count(s.Samples, on + " sample")} is {(double.IsNaN(loss) ? "NaN" : "+∞")} at these weights{(teleport is null ? "" : " after the teleport")}: they overflow float, so no measure is defined there"));
        MeasureReport report;
        try
        {
            report = measures.Measure(inputs, targets, host.Cancellation);
        }
        catch (OperationCanceledException) when (host.Cancellation.IsCancellationRequested)
        {
            output.Notice("measure stopped before its last measure; no output written");
            return ExitCodes.Interrupted;
        }
        Render(output, report);

        if (s.Out is { } path)
        {
            var fields = report.ToFields().Add("config", new RecordFields()
                .Add("command", "measure")
                .Add("model", entry.Name)
                .Add("weights", s.Weights)
                .Add("dataset", data.Name)
                .Add("on", on)
                .Add("samples", s.Samples)
                .Add("split_seed", s.SplitSeed)
                .Add("measures", options.Describe()))
                .Add("teleport", teleport ?? RecordValue.Null);
            AtomicFile.WriteAllBytes(path, RecordJson.ToUtf8Bytes(fields));
            output.Line($"wrote {path}");
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// The control that shows which measures the exact symmetries can move: one gradient-norm teleport of the weights
    /// with the exact symmetries only (S1/S2: the function, hence the loss on any data, is unchanged) on the first
    /// 200 measured samples, before measuring.
    /// </summary>
    /// <summary>Why the ascent took fewer steps than asked (--teleport-lr 1e300 said "0 steps" and nothing more).</summary>
    private static string Stopped(TeleportReport report) =>
        report.StopReason == TeleportStopReason.Completed ? "" : $"; stopped: {TeleportCallback.StopReasonName(report.StopReason)}, as the record's stop_reason says";

    private static RecordFields Teleport(ConsoleOutput output, ITeleportable<float> model, MeasureSettings s, Dataset set)
    {
        var n = Math.Min(200, s.Samples);
        Targets<float> targets = set.IsClassification ? new(set.LabelRange(0, n)) : new(set.TargetRows(0, n));
        var options = new TeleportOptions { Steps = s.TeleportSteps, LearningRate = s.TeleportLearningRate, Symmetries = SymmetrySet.Exact };
        var report = new Teleporter<float>(model).Teleport(set.FeatureRows(0, n), targets, options, output.Cancellation);
        if (report.SymmetriesUsed.IsEmpty)
            throw new UsageException($"--teleport-steps: {model.Info.Name} has no exact symmetry (S1/S2) to teleport along.");
        var c = CultureInfo.InvariantCulture;
        output.Line(string.Create(c,
            $"teleported first (exact symmetries {string.Join(", ", report.SymmetriesUsed.ToArray())}, {Format.Count(report.StepsTaken, "step")} on {Format.Count(n, "sample")}{Stopped(report)}): loss {report.LossBefore:G6} → {report.LossAfter:G6}, ‖∇L‖² {Format.Change(report.GradNormSquaredBefore, report.GradNormSquaredAfter)}"));
        return new RecordFields()
            .Add("samples", n)
            .Add("symmetries", "exact")
            .Add("steps", s.TeleportSteps)
            .Add("lr", s.TeleportLearningRate)
            .Add("steps_taken", report.StepsTaken)
            .Add("loss_before", report.LossBefore)
            .Add("loss_after", report.LossAfter)
            .Add("grad_norm_sq_before", report.GradNormSquaredBefore)
            .Add("grad_norm_sq_after", report.GradNormSquaredAfter)
            .Add("stop_reason", TeleportCallback.StopReasonName(report.StopReason));
    }

    private static void Render(ConsoleOutput output, MeasureReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new TextTable("measure", "value", "detail", "seconds");
        string Seconds(string name)
        {
            foreach (var (key, value) in r.MeasureSeconds)
                if (key == name) return Format.Seconds(value);
            return "-";
        }
        // A measure without a number shows null and why, in place of NaN or ±∞ and its detail.
        void Row(string name, double value, string detail)
        {
            var problem = r.ProblemOf(name);
            table.Row(name, problem is null ? Format.General(value) : "null", problem ?? detail, Seconds(name));
        }
        Row("loss", r.Loss, string.Create(c, $"{Format.Count(r.Samples, "sample")}"));
        Row("hessian_trace", r.Trace.Trace,
            r.Trace.IsExact ? $"exact ({MeasureReport.MethodName(r.Trace.Method)})" : string.Create(c, $"± {Format.General(r.Trace.StandardError)} (Hutchinson, {Format.Count(r.Trace.Probes, "probe")})"));
        var e = r.TopEigenvalue;
        var relative = double.IsNaN(e.RelativeResidual) ? $"relative residual undefined (λ = 0; residual {Format.General(e.Residual)})" : string.Create(c, $"relative residual {e.RelativeResidual:G2}");
        Row("hessian_top_eigenvalue", e.Eigenvalue, string.Create(c, $"{relative} after {e.Iterations} iterations{(e.Converged ? "" : " (not converged)")}"));
        Row("sharpness_phi", r.Phi.Phi, string.Create(c, $"mean perturbed loss {Format.General(r.Phi.MeanPerturbedLoss)}, increase {Format.General(r.Phi.MeanIncrease)}, {Format.Count(r.Phi.Batches, "batch", "batches")}"));
        if (r.PhiGaussian is { } g) Row("sharpness_phi_gaussian", g.Phi, string.Create(c, $"increase {Format.General(g.MeanIncrease)}"));
        if (r.Adaptive is { } a) Row("adaptive_sharpness", a.MeanIncrease, "E[L(w + ρ|w|⊙ε)] − L(w); invariant under S2");
        if (r.CurvaturePsi is { } psi) Row("curvature_psi", psi, "paper's ψ: S3 orbit curves, σ″ dropped, per-pair sums of γ″");
        else table.Row("curvature_psi", "null", r.CurvaturePsiNote ?? "not computed", Seconds("curvature_psi"));
        if (r.CurvaturePsiExact is { } exact) Row("curvature_psi_exact", exact, "ψ of the exact composed S3 curves (same generators)");
        table.Render(output);
        output.Line(string.Create(c, $"measured in {Format.Seconds(r.Seconds)}"));
    }
}
