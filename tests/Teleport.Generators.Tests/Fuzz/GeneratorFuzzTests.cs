using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit.Abstractions;

namespace Teleport.Generators.Tests.Fuzz;

/// <summary>
/// The generator fuzz (issue 14): thousands of random and mutated [Network] declarations, from fixed seeds,
/// through the generator driver. No case may make the generator throw or hang, and every case whose own code
/// is valid must either be refused with a TP error or generate code that compiles. The CI run takes 3 000
/// cases; <c>TELEPORT_FUZZ_CASES=30000 TELEPORT_FUZZ_SEED=7 dotnet test … --filter GeneratorFuzzTests</c>
/// runs a longer, nightly-style one with other seeds.
/// </summary>
public class GeneratorFuzzTests(ITestOutputHelper log)
{
    private static readonly int BatchSize = EnvironmentInt("TELEPORT_FUZZ_BATCH", 150);
    private static readonly TimeSpan BatchLimit = TimeSpan.FromSeconds(EnvironmentInt("TELEPORT_FUZZ_LIMIT_S", 600));

    [Fact]
    public void RandomAndMutatedDeclarationsNeverCrashTheGenerator()
    {
        var count = EnvironmentInt("TELEPORT_FUZZ_CASES", 3000);
        var seed = EnvironmentInt("TELEPORT_FUZZ_SEED", 14);
        // TELEPORT_FUZZ_FULL=0 compiles every generated file in full (nightly); else at most that many new shapes.
        FuzzRunner.FullBudget = EnvironmentInt("TELEPORT_FUZZ_FULL", 40, allowZero: true);
        // TELEPORT_FUZZ_COMPILE=0 measures generator exceptions and hangs only (as for the crash rate of an older generator).
        FuzzRunner.CheckCompilation = Environment.GetEnvironmentVariable("TELEPORT_FUZZ_COMPILE") != "0";
        FuzzRunner.SingleCaseLimit = TimeSpan.FromSeconds(EnvironmentInt("TELEPORT_FUZZ_CASE_LIMIT_S", 60));
        FuzzRunner.MaxAbandoned = EnvironmentInt("TELEPORT_FUZZ_MAX_HANGS", 3);
        var cases = Cases(count, seed);
        var results = new List<FuzzResult>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        for (var start = 0; start < cases.Count; start += BatchSize)
        {
            var before = clock.Elapsed;
            var batch = cases.Skip(start).Take(BatchSize).ToList();
            results.AddRange(FuzzRunner.Run(batch, BatchLimit));
            var seconds = (clock.Elapsed - before).TotalSeconds;
            if (seconds > 5) log.WriteLine($"slow batch from case {start}: {seconds:0.0} s{(batch.Count == 1 ? "\n" + batch[0].Source : "")}");
        }

        log.WriteLine($"{cases.Count} cases in {clock.Elapsed.TotalSeconds:0.0} s ({(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU)");
        Report(results);
        var failures = results.Where(r => r.Outcome is FuzzOutcome.Exception or FuzzOutcome.Hang or FuzzOutcome.NotRun or FuzzOutcome.GeneratedCodeDoesNotCompile or FuzzOutcome.Ignored).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {results.Count} cases failed; the first:\n" +
            string.Join("\n\n", failures.Take(5).Select(f => $"[{f.Outcome}] {f.Detail}\n{f.Source}")));
        Assert.Equal(count, results.Count);
    }

    [Fact]
    public void TheFuzzIsDeterministicAndCoversTheIssueClasses()
    {
        var a = Cases(3000, 14);
        Assert.Equal(a, Cases(3000, 14));
        var text = string.Join("\n", a.Select(c => c.Source));
        // The classes issue 14 names are all drawn: affine and constant formulas, verbatim names, primary
        // constructors, nesting deep enough to reach the complexity budget, constants beyond float.
        foreach (var expected in new[] { "@class", "@event", "(int seed)", "1e308", "tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(", "record", "_parameters", "Outer.Inner" })
            Assert.Contains(expected, text);
    }

    /// <summary>Half random declarations, half mutations of the seed corpus and of earlier cases.</summary>
    internal static List<(int Tag, string Source)> Cases(int count, int seed)
    {
        var fuzzer = new DeclarationFuzzer(seed);
        var pick = new Random(seed + 1);
        var declarations = new List<FuzzDeclaration>();
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0) declarations.Add(fuzzer.Random());
            else
            {
                var parent = pick.Next(3) == 0 || declarations.Count == 0
                    ? fuzzer.Corpus[pick.Next(fuzzer.Corpus.Count)]
                    : declarations[pick.Next(declarations.Count)];
                declarations.Add(fuzzer.Mutate(parent));
            }
        }

        return declarations.Select((d, i) => (i, d.Render(i))).ToList();
    }

    private void Report(IReadOnlyList<FuzzResult> results)
    {
        foreach (var group in results.GroupBy(r => r.Outcome).OrderBy(g => g.Key))
            log.WriteLine($"{group.Key}: {group.Count()}");
        foreach (var group in results.Where(r => r.Outcome == FuzzOutcome.Refused).GroupBy(r => r.Detail).OrderByDescending(g => g.Count()).Take(25))
            log.WriteLine($"  refused {group.Key}: {group.Count()}");
        var failures = results.Where(r => r.Outcome is FuzzOutcome.Exception or FuzzOutcome.Hang or FuzzOutcome.NotRun or FuzzOutcome.GeneratedCodeDoesNotCompile or FuzzOutcome.Ignored).ToList();
        var run = results.Count(r => r.Outcome != FuzzOutcome.NotRun);
        var failed = failures.Count(f => f.Outcome != FuzzOutcome.NotRun);
        log.WriteLine($"generator failures: {failed} of {run} cases run ({100.0 * failed / Math.Max(1, run):0.00} %, 1 in {(failed == 0 ? "∞" : (run / (double)failed).ToString("0.0", CultureInfo.InvariantCulture))}); {results.Count - run} not run after {FuzzRunner.Abandoned} hangs");
        log.WriteLine($"time: generator {FuzzRunner.GeneratorTime.TotalSeconds:0.0} s, checking the compilations {FuzzRunner.CompileTime.TotalSeconds:0.0} s ({FuzzRunner.FullCompilations} generated files in full, {FuzzRunner.OperatorCompilations} operators only)");
        foreach (var f in failures.GroupBy(f => f.Outcome).SelectMany(g => g.Take(8))) log.WriteLine($"--- [{f.Outcome}] {f.Detail.Split('\n')[0]}\n{f.Source}");
    }

    private static int EnvironmentInt(string name, int fallback, bool allowZero = false) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && (v > 0 || (allowZero && v == 0)) ? v : fallback;
}
