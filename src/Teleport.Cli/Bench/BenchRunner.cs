using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Records;
using Teleport.Serialization;

namespace Teleport.Cli.Bench;

/// <summary>One case's timings: median and best seconds per call over the repeats, bytes allocated per call (the fewest over the repeats).</summary>
internal sealed record BenchResult(BenchCase Case, double MedianSeconds, double BestSeconds, long AllocatedBytesPerCall, double? TorchMedianSeconds);

/// <summary>
/// Times the cases: each is warmed up first (the tiered JIT needs about a second before it runs
/// optimised code), then timed in repeats of <c>CallsPerRun</c> calls; the median repeat is reported,
/// with the PyTorch peer's median for the same work when its microbench.py JSON is given.
/// </summary>
internal static class BenchRunner
{
    /// <summary>Whether <c>--filter</c> <paramref name="filter"/> selects the case <paramref name="name"/>: the name contains it, ignoring case.</summary>
    public static bool Selects(string filter, string name) => name.Contains(filter, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="filter"/> selects any of <paramref name="names"/>.</summary>
    public static bool SelectsAny(string filter, IEnumerable<string> names) => names.Any(name => Selects(filter, name));

    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled: checked before each case.</exception>
    public static List<BenchResult> Run(IReadOnlyList<BenchCase> cases, double warmupSeconds, int repeats, string? filter, IReadOnlyDictionary<string, double> torch, TextWriter log,
        System.Threading.CancellationToken cancellation = default)
    {
        var results = new List<BenchResult>();
        foreach (var c in cases)
        {
            if (filter is not null && !Selects(filter, c.Name)) continue;
            cancellation.ThrowIfCancellationRequested();
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < warmupSeconds)
            {
                c.Restore?.Invoke();
                for (var i = 0; i < c.CallsPerRun; i++) c.Work();
            }
            var times = new double[repeats];
            // Bytes per call: the fewest over the repeats. The thread's counter can jump by an allocation context's
            // unused part when a collection on another thread retires it; code that allocates does so in every repeat.
            long allocated = long.MaxValue;
            for (var r = 0; r < repeats; r++)
            {
                c.Restore?.Invoke();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < c.CallsPerRun; i++) c.Work();
                times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / c.CallsPerRun;
                allocated = Math.Min(allocated, (GC.GetAllocatedBytesForCurrentThread() - before) / c.CallsPerRun);
            }
            Array.Sort(times);
            double? torchMedian = c.TorchKey is not null && torch.TryGetValue(c.TorchKey, out var t) ? t : null;
            var result = new BenchResult(c, times[repeats / 2], times[0], allocated, torchMedian);
            results.Add(result);
            log.WriteLine(Line(result));
        }
        return results;
    }

    public static string Line(BenchResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var line = string.Create(c, $"{r.Case.Name,-48} median {Time(r.MedianSeconds),10}  best {Time(r.BestSeconds),10}  {r.AllocatedBytesPerCall} B/call");
        if (r.Case.FlopsPerCall > 0) line += string.Create(c, $"  {r.Case.FlopsPerCall / r.MedianSeconds / 1e9:F1} GFLOP/s");
        // Said the way it went: PyTorch 100 µs against our 1.16 ms read "×0.1 faster".
        if (r.TorchMedianSeconds is { } t)
            line += t >= r.MedianSeconds
                ? string.Create(c, $"  PyTorch {Time(t)}  ×{t / r.MedianSeconds:F1} faster")
                : string.Create(c, $"  PyTorch {Time(t)}  ×{r.MedianSeconds / t:F1} slower");
        if (r.Case.Detail?.Invoke() is { Length: > 0 } detail) line += "  (" + detail + ")";
        return line;
    }

    /// <summary>
    /// One teleport's cost in training steps of the paper's network (SGD, batch 20), ours and — when
    /// the PyTorch peer's medians are known — PyTorch's; null when either case was not run.
    /// </summary>
    public static (double Ours, double? Torch)? TeleportInSteps(IReadOnlyList<BenchResult> results)
    {
        var step = results.FirstOrDefault(r => r.Case.Name == BenchCases.PaperSgdStep);
        var teleport = results.FirstOrDefault(r => r.Case.Name == BenchCases.Teleport);
        if (step is null || teleport is null) return null;
        double? torch = step.TorchMedianSeconds is { } s && teleport.TorchMedianSeconds is { } t ? t / s : null;
        return (teleport.MedianSeconds / step.MedianSeconds, torch);
    }

    /// <summary>Each teleport method's cost in training steps of the paper's network (SGD, batch 20), for the methods whose case ran.</summary>
    public static IReadOnlyList<(string Method, double Steps)> MethodTeleportsInSteps(IReadOnlyList<BenchResult> results)
    {
        var costs = new List<(string, double)>();
        var step = results.FirstOrDefault(r => r.Case.Name == BenchCases.PaperSgdStep);
        if (step is null) return costs;
        foreach (var (method, name) in BenchCases.MethodTeleports)
        {
            if (results.FirstOrDefault(r => r.Case.Name == name) is { } teleport) costs.Add((method, teleport.MedianSeconds / step.MedianSeconds));
        }
        return costs;
    }

    /// <summary>
    /// The line that states <see cref="TeleportInSteps"/>, or null; when the level-set or null-space cases ran too, a
    /// second line with every method's cost.
    /// </summary>
    public static string? TeleportInStepsLine(IReadOnlyList<BenchResult> results)
    {
        if (TeleportInSteps(results) is not { } cost) return null;
        var c = CultureInfo.InvariantCulture;
        var line = string.Create(c, $"one teleport costs {cost.Ours:F0} training steps (784-16-10-10 b20, SGD)");
        if (cost.Torch is { } torch) line += string.Create(c, $"; in PyTorch {torch:F0}");
        var methods = MethodTeleportsInSteps(results);
        if (methods.Count > 1)
            line += Environment.NewLine + "by method, in training steps: " + string.Join(", ", methods.Select(m => string.Create(c, $"{m.Method} {m.Steps:F0}")));
        return line;
    }

    /// <summary>
    /// "two_threads": [ { "name", "one_thread_s": […], "two_threads_s": […] (per round), "cooldowns", "calls_kept_on_one_thread",
    /// and for the cases "ceiling_one_thread_s", "ceiling_two_threads_s" (the FMA ceiling timed in the same rounds),
    /// "copies_alone_s", "copies_side_by_side_s" (one independent copy of the case's calls alone, two side by side: <see cref="IndependentCopies"/>),
    /// "cross_core_same_s", "cross_core_other_s" (the median read of this core's and of the other core's data in the same rounds: <see cref="CrossCoreReads"/>),
    /// "busy_threads" and "work_over_one_thread" (<see cref="ThreadScalingResult.Work"/>) } ].
    /// </summary>
    private static void WriteScaling(Utf8JsonWriter w, IReadOnlyList<ThreadScalingResult> scaling)
    {
        w.WriteStartArray("two_threads");
        foreach (var r in scaling)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Case);
            WriteNumbers(w, "one_thread_s", r.OneThread);
            WriteNumbers(w, "two_threads_s", r.TwoThreads);
            w.WriteNumber("cooldowns", r.Cooldowns.Count);
            w.WriteNumber("calls_kept_on_one_thread", r.Cooldowns.CallsKeptOnOneThread);
            if (r.SameRoundCeiling is { } ceiling)
            {
                WriteNumbers(w, "ceiling_one_thread_s", ceiling.OneThread);
                WriteNumbers(w, "ceiling_two_threads_s", ceiling.TwoThreads);
            }
            if (r.SameRoundCopies is { } copies)
            {
                WriteNumbers(w, "copies_alone_s", copies.Alone);
                WriteNumbers(w, "copies_side_by_side_s", copies.SideBySide);
            }
            if (r.SameRoundCrossCore is { } cross)
            {
                WriteNumbers(w, "cross_core_same_s", cross.SameCore);
                WriteNumbers(w, "cross_core_other_s", cross.OtherCore);
            }
            if (r.BusyThreads is { } busy && r.WorkOverOneThread is { } work)
            {
                w.WriteNumber("busy_threads", busy);
                w.WriteNumber("work_over_one_thread", work);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
/// "epochs": { "name", "dataset", "rounds": [ { "step_s", "batches", "fresh_process_epoch_s": […], "warm_process_epoch_s": […],
/// "paired_ratios": [[…] per epoch: trainer over cached seconds per step, one per pair] } ] }.
/// </summary>
    private static void WriteEpochs(Utf8JsonWriter w, EpochBenchResult epochs)
    {
        w.WriteStartObject("epochs");
        w.WriteString("name", EpochBench.Name);
        w.WriteString("dataset", epochs.Dataset);
        w.WriteStartArray("rounds");
        foreach (var round in epochs.Rounds)
        {
            w.WriteStartObject();
            w.WriteNumber("step_s", round.StepSeconds);
            w.WriteNumber("batches", round.Batches);
            WriteNumbers(w, "fresh_process_epoch_s", round.FreshEpochSeconds);
            WriteNumbers(w, "warm_process_epoch_s", round.WarmEpochSeconds);
            w.WriteStartArray("paired_ratios");
            foreach (var epoch in round.PairedRatios) WriteNumbers(w, null, epoch);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>An array of numbers: a property when <paramref name="name"/> is given, else an element of the array being written.</summary>
    private static void WriteNumbers(Utf8JsonWriter w, string? name, IEnumerable<double> values)
    {
        if (name is null) w.WriteStartArray();
        else w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static string Time(double seconds) => seconds >= 1e-3
        ? (seconds * 1e3).ToString("F3", CultureInfo.InvariantCulture) + " ms"
        : (seconds * 1e6).ToString("F2", CultureInfo.InvariantCulture) + " µs";

    /// <summary>The shortest and longest PyTorch median accepted from a microbench.py file: a nanosecond and a day.</summary>
    private const double ShortestTorchMedian = 1e-9, LongestTorchMedian = 86_400;

    /// <summary>The medians of a microbench.py JSON for one thread count (key → seconds).</summary>
    public static Dictionary<string, double> ReadTorch(string path, int threads)
    {
        var medians = new Dictionary<string, double>();
        try
        {
            if (Directory.Exists(path)) throw new Teleport.Data.TeleportDataException(path, "is a folder, not the JSON file microbench.py writes (--torch)");
            if (!File.Exists(path)) throw new Teleport.Data.TeleportDataException(path, "not found (--torch)");
            // The records' reader: its parse errors are plain words with a byte and line, where JsonDocument's speak of its
            // reader ("Change the reader options", "LineNumber: 0 | BytePositionInLine: 12").
            var json = Teleport.Records.RecordJsonReader.Parse(File.ReadAllBytes(path), path);
            if (json.Kind != RecordValueKind.Object || !json.Fields.TryGetValue("cases", out var cases)
                || cases.Kind != RecordValueKind.Object || !cases.Fields.TryGetValue($"threads_{threads}", out var group)
                || group.Kind != RecordValueKind.Object)
                throw new Teleport.Data.TeleportDataException(path, $"no \"cases\".\"threads_{threads}\" object in this microbench.py output");
            foreach (var (name, entry) in group.Fields)
            {
                // Values that are not objects are the run's facts ("torch_get_num_threads": 1). A case without its median was
                // skipped, and a file of such cases printed no PyTorch column and no word.
                if (entry.Kind != RecordValueKind.Object) continue;
                if (!entry.Fields.TryGetValue("median_s", out var median))
                    throw new Teleport.Data.TeleportDataException(path, $"\"cases\".\"threads_{threads}\".\"{name}\" is not a case microbench.py writes: an object with \"median_s\"");
                if (median.Kind != RecordValueKind.Number || !(median.Number > 0) || !double.IsFinite(median.Number))
                    throw new Teleport.Data.TeleportDataException(path, $"\"{name}\".\"median_s\" is not a positive number of seconds");
                var seconds = median.Number;
                // A median no microbench.py run writes: 1e308 s overflowed the speed-up to ∞, which --out cannot write.
                if (seconds is < ShortestTorchMedian or > LongestTorchMedian)
                    throw new Teleport.Data.TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                        $"\"{name}\".\"median_s\" is {seconds:R} s: a microbench.py median lies between a nanosecond and a day"));
                medians[name] = seconds;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Teleport.Data.TeleportDataException(path, "cannot be read (--torch)", innerException: e);
        }
        if (medians.Count == 0)
            throw new Teleport.Data.TeleportDataException(path, $"\"cases\".\"threads_{threads}\" holds no case: no PyTorch median to compare with");
        return medians;
    }

    /// <summary>
    /// Refuses PyTorch medians none of which belongs to a bench case (<paramref name="known"/>: the cases' <see cref="BenchCase.TorchKey"/>s):
    /// such a file printed the bench without a PyTorch column and without a word.
    /// </summary>
    /// <exception cref="Teleport.Data.TeleportDataException">No key of <paramref name="medians"/> is known.</exception>
    public static void CheckTorchKeys(string path, IReadOnlyDictionary<string, double> medians, IReadOnlyCollection<string> known)
    {
        foreach (var key in medians.Keys)
            if (known.Contains(key)) return;
        var keys = medians.Keys.Order(StringComparer.Ordinal).ToList();
        throw new Teleport.Data.TeleportDataException(path,
            $"none of its cases ({string.Join(", ", keys.Take(3))}{(keys.Count > 3 ? ", …" : "")}) is one this bench times (such as {known.Order(StringComparer.Ordinal).First()}): the --torch file is the peer's microbench.py output");
    }

    /// <summary>Writes the results as JSON, atomically.</summary>
    public static void Write(string path, IReadOnlyList<BenchResult> results, int threads, FmaPeakResult peak,
        IReadOnlyList<ThreadScalingResult>? scaling, EpochBenchResult? epochs)
    {
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteNumber("threads", threads);
            w.WriteString("vector_width", System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "512" : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "256" : "128");
            w.WriteNumber("fma_peak_gflops_256", peak.Gflops256);
            if (!double.IsNaN(peak.Gflops512)) w.WriteNumber("fma_peak_gflops_512", peak.Gflops512);
            w.WriteStartArray("cases");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Case.Name);
                w.WriteNumber("median_s", r.MedianSeconds);
                w.WriteNumber("best_s", r.BestSeconds);
                w.WriteNumber("allocated_bytes_per_call", r.AllocatedBytesPerCall);
                if (r.Case.FlopsPerCall > 0) w.WriteNumber("gflops", r.Case.FlopsPerCall / r.MedianSeconds / 1e9);
                if (r.TorchMedianSeconds is { } t)
                {
                    w.WriteString("torch_key", r.Case.TorchKey);
                    w.WriteNumber("torch_median_s", t);
                    w.WriteNumber("speedup", t / r.MedianSeconds);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (TeleportInSteps(results) is { } cost)
            {
                w.WriteNumber("teleport_in_training_steps", cost.Ours);
                if (cost.Torch is { } torch) w.WriteNumber("torch_teleport_in_training_steps", torch);
                w.WriteStartObject("teleport_in_training_steps_by_method");
                foreach (var (method, steps) in MethodTeleportsInSteps(results)) w.WriteNumber(method, steps);
                w.WriteEndObject();
            }
            if (scaling is not null) WriteScaling(w, scaling);
            if (epochs is not null) WriteEpochs(w, epochs);
            w.WriteEndObject();
        });
    }
}
