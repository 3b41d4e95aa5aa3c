using System;
using System.Collections.Generic;
using Teleport.Data;
using Teleport.Records;
using Teleport.Serialization;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// The runs one process did: shard K/N of a study with its configuration (<c>teleport correlate --shard K/N</c>).
/// JSON: <c>{ "kind": "teleport-correlate-part", "shard": "K/N", "config": {…}, "runs": [ … ] }</c>; numbers read back bit-exact.
/// </summary>
public sealed record CorrelationPart(RecordFields Config, CorrelationShard Shard, IReadOnlyList<CorrelationRun> Runs)
{
    /// <summary>The value of "kind" in a part file.</summary>
    public const string Kind = "teleport-correlate-part";

    private static readonly string[] RunKeys = ["index", "seed", "train_loss", "test_loss", "test_accuracy", "generalization_gap", "measures", "details"];

    /// <summary>The part as record fields.</summary>
    public RecordFields ToFields()
    {
        var runs = new List<RecordValue>();
        foreach (var run in Runs) runs.Add(run.ToFields());
        return new RecordFields()
            .Add("kind", Kind)
            .Add("shard", Shard.ToString())
            .Add("config", Config)
            .Add("runs", RecordValue.FromArray(runs));
    }

    /// <summary>Writes the part atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllBytes(path, RecordJson.ToUtf8Bytes(ToFields()));

    /// <summary>Reads a part file.</summary>
    /// <exception cref="TeleportDataException">Missing, not JSON, or not a part (the message names the place).</exception>
    public static CorrelationPart Read(string path) => FromValue(RecordJsonReader.ReadFile(path), path);

    /// <summary>A part from parsed JSON; <paramref name="source"/> names it in messages.</summary>
    public static CorrelationPart FromValue(RecordValue value, string source)
    {
        var root = new FieldReader(value, source, "");
        var kind = root.String("kind");
        if (kind != Kind)
            throw root.Fail("kind", kind == CorrelationResult.Kind
                ? "is a merged result, not a part: merge the parts written with --shard"
                : $"is \"{kind}\", not \"{Kind}\"");
        CorrelationShard shard;
        try
        {
            shard = CorrelationShard.Parse(root.String("shard"));
        }
        catch (FormatException e)
        {
            throw root.Fail("shard", e.Message);
        }
        var items = root.Array("runs");
        var runs = new List<CorrelationRun>(items.Count);
        for (var i = 0; i < items.Count; i++) runs.Add(ReadRun(root.Item("runs", i, items[i])));
        return new CorrelationPart(root.Object("config").Fields, shard, runs);
    }

    /// <summary>
    /// One run. Its losses and measures must be finite: the study writes a measure it could not compute as null, with
    /// the reason in the details, and stops at a diverged run, so NaN or ±∞ here is a damaged or hand-made part — read
    /// as-is it would become a "not computed" note or NaN statistics.
    /// </summary>
    private static CorrelationRun ReadRun(FieldReader r)
    {
        const string why = "a part's runs hold finite losses and measures (null when not computed)";
        var measures = new List<KeyValuePair<string, double?>>();
        var m = r.Object("measures");
        foreach (var (name, _) in m.Fields)
        {
            // A name the study does not measure would be carried into the result and its report unexplained (the
            // bad-input sweep merged "my_measure").
            if (!CorrelationMeasures.IsMeasure(name)) throw m.Fail(name, CorrelationRunDetails.NotAMeasure);
            measures.Add(new(name, m.NullableFiniteNumber(name, why)));
        }
        // The study writes every measure, null when it has no number (with the reason in details.measure_notes): a
        // missing one was read as "not computed" and reported as such, a reason the part never gave (the bad-input sweep
        // merged a part without hessian_trace, exit 0). A part written before ψ was measured lacks curvature_psi and
        // curvature_psi_exact the same way; its shard is run again rather than merged as if ψ had failed.
        foreach (var name in CorrelationMeasures.Written)
        {
            if (!m.Fields.ContainsKey(name))
                throw m.Fail(name, "is missing: a part's runs hold every measure of the study, null when it has no number (an edited part, or one written by an older teleport: run its shard again)");
        }
        var details = r.Object("details");
        var run = new CorrelationRun(r.Int32("index", 0), r.Int32("seed"), r.FiniteNumber("train_loss", why), r.FiniteNumber("test_loss", why), r.FiniteNumber("test_accuracy", why),
            measures, details.Fields);
        if (r.Extra(RunKeys).Count > 0) throw r.Fail("", "has fields a run does not have");
        // Values no run of the study writes (a bad-input sweep merged a test accuracy of 2 into the statistics).
        if (run.TrainLoss < 0) throw r.Fail("train_loss", $"is {RecordJson.Text(run.TrainLoss)}: a cross-entropy loss is ≥ 0");
        if (run.TestLoss < 0) throw r.Fail("test_loss", $"is {RecordJson.Text(run.TestLoss)}: a cross-entropy loss is ≥ 0");
        if (run.TestAccuracy is < 0 or > 1) throw r.Fail("test_accuracy", $"is {RecordJson.Text(run.TestAccuracy)}: an accuracy is a fraction in [0, 1]");
        CorrelationRunDetails.Check(details, run.TestAccuracy);
        // The gap is written as test − train and read back bit-exact; an edited one was recomputed without a word.
        if (r.Has("generalization_gap") && r.Number("generalization_gap") is var gap && !gap.Equals(run.GeneralizationGap))
            throw r.Fail("generalization_gap", $"is {RecordJson.Text(gap)}, but test_loss − train_loss is {RecordJson.Text(run.GeneralizationGap)}: a run's gap is the difference of its losses");
        return run;
    }

}
