using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Teleport.Generators.Tests.Fuzz;

/// <summary>What the generator did with one fuzz case.</summary>
internal enum FuzzOutcome
{
    /// <summary>Code generated, and the updated compilation has no new error in it or in the case's own file.</summary>
    Compiles,

    /// <summary>Refused with a TP error; nothing generated.</summary>
    Refused,

    /// <summary>The case's own code does not compile and the generator produced nothing (e.g. [Network] on a struct).</summary>
    NotANetwork,

    /// <summary>The case's own code does not compile; what the generator did is only checked for exceptions and hangs.</summary>
    UserCodeInvalid,

    /// <summary>Code generated for valid user code, and it does not compile: a generator bug.</summary>
    GeneratedCodeDoesNotCompile,

    /// <summary>Valid user code with [Network], and the generator produced nothing and said nothing: a generator bug.</summary>
    Ignored,

    /// <summary>The generator threw (CS8785/CS8784): a generator bug.</summary>
    Exception,

    /// <summary>The generator did not finish within the time limit: a generator bug.</summary>
    Hang,

    /// <summary>Not run alone after too many hangs (their threads still run); counted apart, never a pass.</summary>
    NotRun,
}

/// <summary>One case's result: its outcome and, for failures and refusals, what was reported.</summary>
internal sealed record FuzzResult(int Tag, string Source, FuzzOutcome Outcome, string Detail);

/// <summary>
/// Runs fuzz cases through <see cref="CSharpGeneratorDriver"/> in batches: one compilation of many cases
/// (each in its own file and namespace), one generator run, one semantic check of the updated compilation.
/// A batch whose run threw is re-run case by case to find the culprit; a batch past the time limit is a hang.
/// An error is the generator's fault when the case's own code compiled without errors before generation.
/// </summary>
internal static class FuzzRunner
{
    private static readonly Regex Tag = new(@"Fz(\d+)(?!\d)", RegexOptions.CultureInvariant);

    /// <summary>Time spent in the generator and in checking the updated compilations (all batches; for the report).</summary>
    public static TimeSpan GeneratorTime { get; private set; }

    public static TimeSpan CompileTime { get; private set; }

    /// <summary>Generated files compiled in full, and those whose class was compiled before (only their operator structs).</summary>
    public static int FullCompilations { get; private set; }

    public static int OperatorCompilations { get; private set; }

    /// <summary>Whether generated code is compiled at all (off: a measure of generator exceptions and hangs only).</summary>
    public static bool CheckCompilation { get; set; } = true;

    /// <summary>At most this many files compiled in full for a new shape (a new context always is); 0: every file in full.</summary>
    public static int FullBudget { get; set; } = 100;

    /// <summary>Context and shape keys (<see cref="GeneratedFileParts"/>) compiled in full so far (the fuzz runs on one thread).</summary>
    private static readonly HashSet<string> CompiledContexts = new(StringComparer.Ordinal);

    private static readonly HashSet<string> CompiledShapes = new(StringComparer.Ordinal);

    /// <summary>Runs past their time limit, whose threads go on (a thread cannot be stopped).</summary>
    public static int Abandoned { get; private set; }

    /// <summary>
    /// Abandoned runs allowed before the fuzz stops running cases of the known hang class (a function nested a
    /// dozen deep) alone: each abandoned run keeps burning a core. Only an older generator ever reaches it.
    /// </summary>
    public static int MaxAbandoned { get; set; } = 3;

    private static readonly Regex DeepNest = new(@"(\w+\(){12,}", RegexOptions.CultureInvariant);

    public static TimeSpan SingleCaseLimit { get; set; } = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<FuzzResult> Run(IReadOnlyList<(int Tag, string Source)> cases, TimeSpan limit)
    {
        if (Abandoned >= MaxAbandoned && cases.Count == 1 && DeepNest.IsMatch(cases[0].Source))
            return new[] { new FuzzResult(cases[0].Tag, cases[0].Source, FuzzOutcome.NotRun, $"a deep nest, not run after {Abandoned} hangs") };

        var run = Task.Factory.StartNew(() => RunBatch(cases), TaskCreationOptions.LongRunning);
        if (!run.Wait(limit))
        {
            Abandoned++;
            if (cases.Count == 1) return new[] { new FuzzResult(cases[0].Tag, cases[0].Source, FuzzOutcome.Hang, $"past {limit.TotalSeconds:0} s") };

            // Find the case(s) that hang alone.
            return cases.SelectMany(c => Run(new[] { c }, SingleCaseLimit)).ToList();
        }

        var (results, exception) = run.Result;
        if (results is not null) return results;

        // The generator threw somewhere in the batch: find the case(s) alone.
        return cases.Count == 1
            ? new[] { new FuzzResult(cases[0].Tag, cases[0].Source, FuzzOutcome.Exception, exception) }
            : cases.SelectMany(c => Run(new[] { c }, limit)).ToList();
    }

    /// <summary>The batch's results, or none and the exception when the generator threw (Roslyn reports CS8785 and drops all output).</summary>
    private static (IReadOnlyList<FuzzResult>? Results, string Exception) RunBatch(IReadOnlyList<(int Tag, string Source)> cases)
    {
        var compilation = GeneratorHarness.Compilation(Array.Empty<string>())
            .AddSyntaxTrees(cases.Select(c => CSharpSyntaxTree.ParseText(c.Source, GeneratorHarness.ParseOptions, path: $"Fz{c.Tag}.cs")));
        var userErrors = compilation.GetDiagnostics().Where(IsError).Select(d => TagOf(d.Location.GetLineSpan().Path)).ToHashSet();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var generatorDiagnostics);
        GeneratorTime += clock.Elapsed;
        var result = driver.GetRunResult().Results.Single();
        var thrown = generatorDiagnostics.Concat(result.Diagnostics).FirstOrDefault(d => d.Id is "CS8784" or "CS8785");
        if (result.Exception is not null || thrown is not null)
        {
            return (null, result.Exception?.ToString() ?? thrown!.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        var generated = result.GeneratedSources.GroupBy(s => TagOf(s.HintName)).ToDictionary(g => g.Key, g => g.Count());
        var refusals = result.Diagnostics.Where(IsError).GroupBy(d => TagOf(d.Location.GetLineSpan().Path))
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal)));

        // Errors new after generation, in the case's generated code or in its own file. A generated file is
        // compiled in full when its context (namespace, enclosing types, names) is new, or its shape (layer
        // structure, loss, symmetries, operators) is new and the run's budget of full compilations allows
        // (each costs about 0.4 s of CPU); else its header and operator structs (all the code that holds the
        // formulas) are compiled beside the batch's user code.
        var checkedTrees = new List<SyntaxTree>();
        var tags = new Dictionary<SyntaxTree, int>();
        foreach (var source in CheckCompilation ? result.GeneratedSources.ToList() : new List<GeneratedSourceResult>())
        {
            var tag = TagOf(source.HintName);
            var text = source.SourceText.ToString();
            var parts = GeneratedFileParts.Of(text);
            var newContext = CompiledContexts.Add(parts.ContextKey(tag));
            var newShape = !CompiledShapes.Contains(parts.ShapeKey(tag)) && (FullBudget == 0 || FullCompilations < FullBudget);
            var full = FullBudget == 0 || newContext || newShape;
            if (full)
            {
                CompiledShapes.Add(parts.ShapeKey(tag));
                FullCompilations++;
            }
            else
            {
                OperatorCompilations++;
            }

            var tree = CSharpSyntaxTree.ParseText(full ? text : parts.Header + "\n" + parts.Operators, GeneratorHarness.ParseOptions, path: source.HintName);
            checkedTrees.Add(tree);
            tags[tree] = tag;
        }

        clock.Restart();
        var updatedErrors = checkedTrees.Count == 0 ? new List<Diagnostic>() : compilation.AddSyntaxTrees(checkedTrees).GetDiagnostics().Where(IsError).ToList();
        CompileTime += clock.Elapsed;
        var newErrors = updatedErrors
            .Where(d => d.Location.SourceTree is { } t && tags.ContainsKey(t))
            .GroupBy(d => tags[d.Location.SourceTree!])
            .ToDictionary(g => g.Key, g => g.First().ToString() + $" (+{g.Count() - 1} more)");
        foreach (var d in updatedErrors.Where(d => d.Location.SourceTree is { } t && !tags.ContainsKey(t)))
        {
            var tag = TagOf(d.Location.GetLineSpan().Path);
            if (!userErrors.Contains(tag) && !newErrors.ContainsKey(tag)) newErrors[tag] = "in the user's file after generation: " + d;
        }

        return (cases.Select(c =>
        {
            var userInvalid = userErrors.Contains(c.Tag);
            if (!userInvalid && newErrors.TryGetValue(c.Tag, out var error)) return new FuzzResult(c.Tag, c.Source, FuzzOutcome.GeneratedCodeDoesNotCompile, error);
            if (userInvalid) return new FuzzResult(c.Tag, c.Source, generated.ContainsKey(c.Tag) || refusals.ContainsKey(c.Tag) ? FuzzOutcome.UserCodeInvalid : FuzzOutcome.NotANetwork, "");
            if (generated.ContainsKey(c.Tag)) return new FuzzResult(c.Tag, c.Source, FuzzOutcome.Compiles, refusals.TryGetValue(c.Tag, out var w) ? w : "");
            return refusals.TryGetValue(c.Tag, out var ids)
                ? new FuzzResult(c.Tag, c.Source, FuzzOutcome.Refused, ids)
                : new FuzzResult(c.Tag, c.Source, FuzzOutcome.Ignored, "");
        }).ToList(), "");
    }

    private static bool IsError(Diagnostic d) => d.Severity == DiagnosticSeverity.Error;

    private static int TagOf(string? text) => text is not null && Tag.Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
}
