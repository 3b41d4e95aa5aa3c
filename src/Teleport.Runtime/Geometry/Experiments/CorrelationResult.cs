using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Teleport.Data;
using Teleport.Geometry.Statistics;
using Teleport.Records;
using Teleport.Serialization;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// The merged study: every run in index order and, for each measure that was computed and each target, the
/// correlations (<see cref="CorrelationStatistic"/>). It is a function of the runs and the configuration only — no
/// shard count, no timing — so the parts of any sharding merge into the same bytes as one process.
/// </summary>
public sealed record CorrelationResult(RecordFields Config, IReadOnlyList<CorrelationRun> Runs, IReadOnlyList<CorrelationStatistic> Statistics, IReadOnlyList<string> Notes)
{
    /// <summary>The value of "kind" in a result file.</summary>
    public const string Kind = "teleport-correlate";

    /// <summary>
    /// Joins parts (each with the file it came from, for messages): their configurations must be equal, their shards
    /// K/N must be distinct parts of one N, and together they must hold every run 0 … R − 1 exactly once, each in its
    /// own shard. Then computes the statistics (<see cref="Analyze"/>), stopping when <paramref name="cancellation"/> is signalled.
    /// </summary>
    /// <exception cref="TeleportDataException">The parts do not fit together (the message names the file and the problem).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled during the bootstrap.</exception>
    public static CorrelationResult Merge(IReadOnlyList<(CorrelationPart Part, string Source)> parts, CancellationToken cancellation = default)
    {
        if (parts.Count == 0) throw new ArgumentException("No parts to merge.", nameof(parts));
        var (first, firstSource) = parts[0];
        var runCount = (int)StudyNumber(first.Config, "runs", firstSource, int.MaxValue);
        if (runCount < CorrelationStudyOptions.MinRuns)
            throw new TeleportDataException(firstSource, string.Create(CultureInfo.InvariantCulture,
                $"the study has {runCount} run{(runCount == 1 ? "" : "s")} (--runs {runCount}): a correlation with a p-value and a bootstrap interval needs at least {CorrelationStudyOptions.MinRuns}"));
        var byIndex = new CorrelationRun?[runCount];
        var shards = new string?[first.Shard.Count];
        var seedStep = SeedStep(first.Config);
        foreach (var (part, source) in parts)
        {
            if (!part.Config.Equals(first.Config))
                throw new TeleportDataException(source, $"its configuration differs from {firstSource}'s ({FirstDifference(part.Config, first.Config)}): parts of one study share every option but --shard");
            if (part.Shard.Count != first.Shard.Count)
                throw new TeleportDataException(source, $"is shard {part.Shard} but {firstSource} is shard {first.Shard}: parts must split the study the same way");
            if (shards[part.Shard.Index - 1] is { } other)
                throw new TeleportDataException(source, other == source ? "is given twice" : $"is shard {part.Shard}, like {other}");
            shards[part.Shard.Index - 1] = source;
            foreach (var run in part.Runs)
            {
                if (run.Index >= runCount || !part.Shard.Contains(run.Index))
                    throw new TeleportDataException(source, string.Create(CultureInfo.InvariantCulture, $"holds run {run.Index}, which is not in shard {part.Shard} of {runCount} runs"));
                if (byIndex[run.Index] is not null)
                    throw new TeleportDataException(source, string.Create(CultureInfo.InvariantCulture, $"holds run {run.Index} twice"));
                // The run must be the study's run of that index (the sweep merged a run of seed 1 as run 0 of seed 54321).
                if (seedStep is { } step && run.Seed != (run.Index + 1L) * step)
                    throw new TeleportDataException(source, string.Create(CultureInfo.InvariantCulture,
                        $"holds run {run.Index} with seed {run.Seed}, but the study's run {run.Index} has seed {(run.Index + 1L) * step} (seeds (i + 1) * {step})"));
                byIndex[run.Index] = run;
            }
        }
        for (var k = 0; k < shards.Length; k++)
            if (shards[k] is null)
                throw new TeleportDataException(firstSource, string.Create(CultureInfo.InvariantCulture, $"shard {k + 1}/{shards.Length} is missing from the parts given"));
        var runs = new List<CorrelationRun>(runCount);
        for (var i = 0; i < runCount; i++)
            runs.Add(byIndex[i] ?? throw new TeleportDataException(shards[i % shards.Length]!, string.Create(CultureInfo.InvariantCulture, $"run {i} is missing (the part is incomplete)")));
        return Analyze(first.Config, runs, firstSource, cancellation);
    }

    /// <summary>
    /// The statistics of complete runs (in index order, at least <see cref="CorrelationStudyOptions.MinRuns"/>, finite
    /// losses), with the configuration's <c>study.bootstrap_resamples</c> resamples per interval from
    /// <c>study.bootstrap_seed</c> (interval j of the result gets its own stream j). A measure missing in some run, or
    /// the same in every run, has a note instead of statistics: its correlation is undefined, not NaN.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled (checked inside each bootstrap).</exception>
    public static CorrelationResult Analyze(RecordFields config, IReadOnlyList<CorrelationRun> runs, string source = "the configuration",
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count < CorrelationStudyOptions.MinRuns)
            throw new ArgumentException($"{runs.Count} runs: a correlation with a p-value and a bootstrap interval needs at least {CorrelationStudyOptions.MinRuns}.", nameof(runs));
        foreach (var run in runs)
            if (!double.IsFinite(run.TrainLoss) || !double.IsFinite(run.TestLoss))
                throw new ArgumentException($"Run {run.Index} (seed {run.Seed}) has a non-finite loss: a diverged run cannot be correlated.", nameof(runs));
        var resamples = (int)StudyNumber(config, "bootstrap_resamples", source, int.MaxValue);
        var bootstrapSeed = (long)StudyNumber(config, "bootstrap_seed", source, long.MaxValue, min: long.MinValue);
        var statistics = new List<CorrelationStatistic>();
        var notes = new List<string>();
        var targets = new List<(string Name, double[]? Values)>();
        foreach (var target in CorrelationMeasures.Targets)
        {
            var y = Column(runs, target)!;
            var constant = Constant(y);
            if (constant) notes.Add($"{target}: {Same(y)}, no correlations with it");
            targets.Add((target, constant ? null : y));
        }
        var stream = 0L;
        foreach (var measure in CorrelationMeasures.All)
        {
            var x = Column(runs, measure);
            var problem = x is null ? Missing(runs, measure) : Constant(x) ? $"{measure}: {Same(x)}, no correlations" : null;
            if (problem is not null || x is null)
            {
                notes.Add(problem!);
                stream += 2 * CorrelationMeasures.Targets.Count;
                continue;
            }
            foreach (var (target, y) in targets)
            {
                if (y is null)
                {
                    stream += 2;
                    continue;
                }
                var pearson = Correlation.Pearson(x, y);
                var pearsonInterval = BootstrapInterval.Compute(x, y, CorrelationKind.Pearson, resamples, Mix(bootstrapSeed, stream++), cancellation: cancellation);
                var spearman = Correlation.Spearman(x, y);
                var spearmanInterval = BootstrapInterval.Compute(x, y, CorrelationKind.Spearman, resamples, Mix(bootstrapSeed, stream++), cancellation: cancellation);
                statistics.Add(new CorrelationStatistic(measure, target, pearson, pearsonInterval, spearman, spearmanInterval));
            }
        }
        return new CorrelationResult(config, runs, statistics, notes);
    }

    /// <summary>The result as record fields.</summary>
    public RecordFields ToFields()
    {
        var runs = new List<RecordValue>();
        foreach (var run in Runs) runs.Add(run.ToFields());
        var statistics = new List<RecordValue>();
        foreach (var s in Statistics) statistics.Add(s.ToFields());
        var notes = new List<RecordValue>();
        foreach (var n in Notes) notes.Add(n);
        return new RecordFields()
            .Add("kind", Kind)
            .Add("config", Config)
            .Add("statistics", RecordValue.FromArray(statistics))
            .Add("notes", RecordValue.FromArray(notes))
            .Add("runs", RecordValue.FromArray(runs));
    }

    /// <summary>The JSON of the result (UTF-8, final newline).</summary>
    public byte[] ToUtf8Bytes() => RecordJson.ToUtf8Bytes(ToFields());

    /// <summary>Writes the result atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllBytes(path, ToUtf8Bytes());

    /// <summary>The statistic of a measure against a target, or null.</summary>
    public CorrelationStatistic? Find(string measure, string target)
    {
        foreach (var s in Statistics)
            if (s.Measure == measure && s.Target == target) return s;
        return null;
    }

    /// <summary>One value per run, or null when any run lacks it (null, NaN or ±∞).</summary>
    public static double[]? Column(IReadOnlyList<CorrelationRun> runs, string name)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var values = new double[runs.Count];
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i].Value(name) is not { } v || !double.IsFinite(v)) return null;
            values[i] = v;
        }
        return values;
    }

    /// <summary>
    /// The note of a measure some runs lack: every run ("not computed in these runs", as for ψ without orbit
    /// derivatives), or some — named by seed, with the first one's reason from its details' <c>measure_notes</c>.
    /// </summary>
    private static string Missing(IReadOnlyList<CorrelationRun> runs, string measure)
    {
        var seeds = new List<string>();
        string? reason = null;
        foreach (var run in runs)
        {
            if (run.Value(measure) is { } v && double.IsFinite(v)) continue;
            seeds.Add(run.Seed.ToString(CultureInfo.InvariantCulture));
            if (reason is null && run.Details.TryGetValue("measure_notes", out var notes) && notes.Kind == RecordValueKind.Object
                && notes.Fields.TryGetValue(measure, out var note) && note.Kind == RecordValueKind.String)
                reason = note.String.StartsWith(NotComputed, StringComparison.Ordinal) ? note.String[NotComputed.Length..] : note.String;
        }
        if (seeds.Count == runs.Count && reason is null)
            return $"{measure}: not computed in these runs, no correlations ({CorrelationMeasures.Describe(measure)})";
        return string.Create(CultureInfo.InvariantCulture,
            $"{measure}: not computed in {seeds.Count} of {runs.Count} runs (seed{(seeds.Count == 1 ? "" : "s")} {string.Join(", ", seeds)}{(reason is null ? "" : ": " + reason)}), no correlations");
    }

    private const string NotComputed = "not computed: ";

    /// <summary>Whether every value is the first: then r = Σ(x − x̄)(y − ȳ)/√(Σ(x − x̄)²·…) is 0/0 for any y.</summary>
    private static bool Constant(double[] values) => Array.TrueForAll(values, v => v == values[0]);

    private static string Same(double[] values) => string.Create(CultureInfo.InvariantCulture,
        $"the same value ({values[0]:G6}) in every run, and a correlation with a constant is undefined");

    /// <summary>An integer of the configuration's "study" object (<see cref="CorrelationStudyOptions.Describe"/>).</summary>
    /// <summary>The k of the configuration's <c>study.seeds</c>, "(i + 1) * k"; null in another form (then seeds are not checked).</summary>
    private static long? SeedStep(RecordFields config) =>
        config.TryGetValue("study", out var study) && study.Kind == RecordValueKind.Object
        && study.Fields.TryGetValue("seeds", out var seeds) && seeds.Kind == RecordValueKind.String
        && seeds.String.StartsWith("(i + 1) * ", StringComparison.Ordinal)
        && long.TryParse(seeds.String.AsSpan("(i + 1) * ".Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var step)
            ? step
            : null;

    private static double StudyNumber(RecordFields config, string key, string source, double max, double min = 1)
    {
        if (config.TryGetValue("study", out var study) && study.Kind == RecordValueKind.Object
            && study.Fields.TryGetValue(key, out var value) && value.Kind == RecordValueKind.Number
            && value.Number >= min && value.Number <= max && value.Number == Math.Floor(value.Number))
            return value.Number;
        throw new TeleportDataException(source, $"\"config.study.{key}\" is missing or not an integer in range");
    }

    private static string FirstDifference(RecordFields a, RecordFields b)
    {
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || !other.Equals(value))
                return $"\"{key}\" differs";
        foreach (var (key, _) in b)
            if (!a.ContainsKey(key)) return $"\"{key}\" is missing";
        return "field order differs";
    }

    private static long Mix(long seed, long stream) => unchecked(seed * 1_000_003 + stream);
}
