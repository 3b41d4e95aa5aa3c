using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Teleport.Benchmarks.Kernels;
using Teleport.Cli.Bench;
using Teleport.Kernels;

namespace Teleport.Benchmarks.Blas;

/// <summary>
/// Our matrix products against OpenBLAS on this machine (<c>-- vs-openblas</c>): square 64³ … 1024³
/// and every product of the wide network's step, on one thread and on two, interleaved in rounds so
/// both libraries see the same moments of a shared machine. Per round and case, each side's time is
/// the median of a few samples; the ratio ours/OpenBLAS (in GFLOP/s) is taken within the round, and
/// the report gives the median over rounds and its range.
/// </summary>
/// <remarks>
/// One-thread cases are timed in the calling thread's CPU time (<see cref="ThreadCpuClock"/>): on a
/// machine whose two cores are shared with other work, wall time also counts the time the thread
/// waited for a core, which says nothing about either library. Two-thread cases need wall time.
/// </remarks>
internal static unsafe class BlasComparison
{
    private const double SampleSeconds = 4e-3;
    private const int SamplesPerSide = 5;

    /// <summary>
    /// Untimed calls before each side's samples. On this VM a 1.6 ms two-thread product called right after a pause of
    /// 250 ms took 3.4–5.6 ms, then 2.0–3.1, 1.7–2.0, and only its fourth or fifth call ran at its steady 1.55–1.65 ms
    /// (both cores woken from idle); one untimed call left most of that in a sample of two or three calls.
    /// </summary>
    private const double WarmSeconds = 20e-3;

    /// <summary>The pause before each two-thread sample: longer than OpenBLAS's threads spin after a call.</summary>
    private const int QuietMilliseconds = 250;

    public static void Run(int rounds, int[] threadCounts, string? core, string? filter)
    {
        var asked = OpenBlas.SelectCore(core);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"OpenBLAS kernels: {OpenBlas.CoreName} ({asked}); ours: {SimdSupport.Current}, {GemmMicroKernel.Rows}-row tiles; Vector512 accelerated: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}; {Environment.ProcessorCount} cores; load {LoadAverage()}");
        Console.WriteLine(FmaPeak.Line());

        var shapes = GemmShape.Square.Concat(GemmShape.Wide)
            .Where(s => filter is null || s.ToString().Contains(filter, StringComparison.OrdinalIgnoreCase) || s.Note.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .ToArray();
        var cases = new List<Case>();
        foreach (var threads in threadCounts)
            foreach (var shape in shapes) cases.Add(new Case(shape, threads));

        // Warm-up: the tiered JIT needs about a second of calls before our kernels run optimised code.
        var runners = shapes.ToDictionary(s => s, s => new GemmRunner(s));
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 2)
            foreach (var r in runners.Values) r.Run();
        foreach (var c in cases) c.Calibrate(runners[c.Shape]);
        Console.WriteLine(CheckAgreement(runners));

        for (var round = 0; round < rounds; round++)
        {
            foreach (var c in cases)
            {
                var runner = runners[c.Shape];
                // Alternate which side goes first, so neither always follows the other's cache state.
                if (round % 2 == 0)
                {
                    c.Ours.Add(c.TimeOurs(runner));
                    c.Theirs.Add(c.TimeOpenBlas(runner));
                }
                else
                {
                    c.Theirs.Add(c.TimeOpenBlas(runner));
                    c.Ours.Add(c.TimeOurs(runner));
                }
            }
            // OpenBLAS's pooled threads spin for a while after a two-thread call; let them sleep before
            // the next round's one-thread cases.
            Thread.Sleep(200);
            Console.Error.Write($"round {round + 1}/{rounds} done\r");
        }
        Console.Error.WriteLine();
        MatrixMultiply.MaxThreads = 1;
        OpenBlas.Threads = 1;

        Console.WriteLine(string.Create(inv, $"{rounds} interleaved rounds; per round the median of {SamplesPerSide} samples of ≥ {SampleSeconds * 1e3:F0} ms per side (1 thread: thread CPU time; 2: wall time); GFLOP/s are medians over rounds; ratio = ours/OpenBLAS within a round: median [min … max]"));
        Console.WriteLine($"{"shape",-18} {"",-17} {"thr",3} {"ours",9} {"OpenBLAS",9}  ratio                 our cooldowns");
        foreach (var c in cases)
        {
            var ratios = c.Ours.Zip(c.Theirs, (o, t) => t / o).ToList();
            Console.WriteLine(string.Create(inv,
                $"{c.Shape,-18} {c.Shape.Note,-17} {c.Threads,3} {c.Shape.Flops / Median.Of(c.Ours) / 1e9,9:F1} {c.Shape.Flops / Median.Of(c.Theirs) / 1e9,9:F1}  {Median.Of(ratios),5:F2} [{ratios.Min():F2} … {ratios.Max():F2}]  {(c.Threads > 1 ? c.Holds.ToString(inv) : "")}"));
        }

        // All products of one wide step together: the sum of the per-shape times, per round.
        var summed = new Dictionary<int, (List<double> Ours, List<double> Theirs)>();
        foreach (var threads in threadCounts)
        {
            var wide = cases.Where(c => c.Threads == threads && GemmShape.Wide.Contains(c.Shape)).ToList();
            if (wide.Count != GemmShape.Wide.Length) continue;
            var ours = Enumerable.Range(0, rounds).Select(r => wide.Sum(c => c.Ours[r])).ToList();
            var theirs = Enumerable.Range(0, rounds).Select(r => wide.Sum(c => c.Theirs[r])).ToList();
            summed[threads] = (ours, theirs);
            var ratios = ours.Zip(theirs, (o, t) => t / o).ToList();
            var flops = wide.Sum(c => c.Shape.Flops);
            Console.WriteLine(string.Create(inv,
                $"{"wide step products",-18} {"(sum of the 8)",-17} {threads,3} {flops / Median.Of(ours) / 1e9,9:F1} {flops / Median.Of(theirs) / 1e9,9:F1}  {Median.Of(ratios),5:F2} [{ratios.Min():F2} … {ratios.Max():F2}]   {Median.Of(ours) * 1e3:F3} ms vs {Median.Of(theirs) * 1e3:F3} ms"));
        }
        if (summed.TryGetValue(1, out var one) && summed.TryGetValue(2, out var two)) Console.WriteLine(Scaling(one, two));
        Console.WriteLine($"load {LoadAverage()}; " + FmaPeak.Line());
        foreach (var r in runners.Values) r.Dispose();
    }

    /// <summary>
    /// Each library's own scaling, two threads over one, of the wide step's 8 products summed, per round (the two samples of a
    /// round are seconds apart): when OpenBLAS, timed beside ours, scales as little as ours, the host's second core is what
    /// is missing, not our split.
    /// </summary>
    private static string Scaling((List<double> Ours, List<double> Theirs) one, (List<double> Ours, List<double> Theirs) two)
    {
        var ours = one.Ours.Zip(two.Ours, (a, b) => a / b).ToList();
        var theirs = one.Theirs.Zip(two.Theirs, (a, b) => a / b).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"two threads over one, wide step products summed (one thread's CPU time over two threads' wall time, per round): ours ×{Median.Of(ours):F2} [{ours.Min():F2} … {ours.Max():F2}], OpenBLAS ×{Median.Of(theirs):F2} [{theirs.Min():F2} … {theirs.Max():F2}]");
    }

    /// <summary>Both libraries' C for every shape agree within float rounding (same product timed).</summary>
    private static string CheckAgreement(Dictionary<GemmShape, GemmRunner> runners)
    {
        double worst = 0;
        foreach (var (shape, runner) in runners)
        {
            int size = shape.M * shape.N;
            runner.Run();
            var ours = new ReadOnlySpan<float>(runner.C, size).ToArray();
            OpenBlas.Multiply(shape.Kind, runner.A, runner.B, runner.C, shape.M, shape.K, shape.N);
            var theirs = new ReadOnlySpan<float>(runner.C, size);
            double scale = 0;
            for (int i = 0; i < size; i++) scale = Math.Max(scale, Math.Abs(theirs[i]));
            for (int i = 0; i < size; i++) worst = Math.Max(worst, Math.Abs(ours[i] - theirs[i]) / Math.Max(scale, 1e-30));
            if (worst > 1e-4) throw new InvalidOperationException($"{shape}: ours and OpenBLAS differ by {worst:G3} of the largest |C|");
        }
        return string.Create(CultureInfo.InvariantCulture, $"results agree: largest |ours − OpenBLAS| / max|C| = {worst:G2}");
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }

    /// <summary>One shape at one thread count: calls per sample for each side, and the per-round medians.</summary>
    private sealed class Case(GemmShape shape, int threads)
    {
        public GemmShape Shape { get; } = shape;
        public int Threads { get; } = threads;
        public List<double> Ours { get; } = [];
        public List<double> Theirs { get; } = [];
        private int _oursCalls = 1, _theirCalls = 1;

        public void Calibrate(GemmRunner runner)
        {
            _oursCalls = Calls(TimeOnce(() => { MatrixMultiply.MaxThreads = Threads; runner.Run(); }));
            _theirCalls = Calls(TimeOnce(() => { OpenBlas.Threads = Threads; OpenBlas.Multiply(Shape.Kind, runner.A, runner.B, runner.C, Shape.M, Shape.K, Shape.N); }));
        }

        /// <summary>Cooldowns our products started during this case's samples (<see cref="MatrixMultiply.Cooldowns"/>).</summary>
        public long Holds { get; private set; }

        public double TimeOurs(GemmRunner runner)
        {
            MatrixMultiply.MaxThreads = Threads;
            QuietOtherCore();
            long holds = MatrixMultiply.Cooldowns;
            var seconds = Sample(runner.Run, _oursCalls, Threads == 1);
            Holds += MatrixMultiply.Cooldowns - holds;
            return seconds;
        }

        public double TimeOpenBlas(GemmRunner runner)
        {
            OpenBlas.Threads = Threads;
            float* a = runner.A, b = runner.B, c = runner.C;
            var s = Shape;
            QuietOtherCore();
            return Sample(() => OpenBlas.Multiply(s.Kind, a, b, c, s.M, s.K, s.N), _theirCalls, Threads == 1);
        }

        /// <summary>
        /// Before a two-thread sample, either side's: a pause longer than OpenBLAS's pooled threads spin after a call
        /// (2²⁸ cycles, about 0.1 s), so that neither library's sample shares the second core with the other's spinning
        /// thread. (Our two-thread samples had read 62–86 GFLOP/s for NT 512³ against 125–160 alone, with no cooldown:
        /// what this pause did not cure, the warm-up before each sample did — see <see cref="WarmSeconds"/>.)
        /// </summary>
        private void QuietOtherCore()
        {
            if (Threads > 1) Thread.Sleep(QuietMilliseconds);
        }

        private static int Calls(double seconds) => (int)Math.Clamp(SampleSeconds / Math.Max(seconds, 1e-8), 1, 1_000_000);

        private static double TimeOnce(Action action)
        {
            action();
            var best = double.MaxValue;
            for (var i = 0; i < 5; i++)
            {
                var start = Stopwatch.GetTimestamp();
                action();
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            return best;
        }

        /// <summary>
        /// Seconds per call: the median of <see cref="SamplesPerSide"/> samples of <paramref name="calls"/>
        /// calls (after <see cref="WarmSeconds"/> of untimed calls), in this thread's CPU time or in wall time.
        /// </summary>
        private static double Sample(Action action, int calls, bool threadCpuTime)
        {
            var warm = Stopwatch.StartNew();
            do action();
            while (warm.Elapsed.TotalSeconds < WarmSeconds);
            var samples = new List<double>(SamplesPerSide);
            for (var s = 0; s < SamplesPerSide; s++)
            {
                if (threadCpuTime && ThreadCpuClock.IsAvailable)
                {
                    var cpu = ThreadCpuClock.Seconds();
                    for (var i = 0; i < calls; i++) action();
                    samples.Add((ThreadCpuClock.Seconds() - cpu) / calls);
                }
                else
                {
                    var start = Stopwatch.GetTimestamp();
                    for (var i = 0; i < calls; i++) action();
                    samples.Add(Stopwatch.GetElapsedTime(start).TotalSeconds / calls);
                }
            }
            return Median.Of(samples);
        }
    }
}
