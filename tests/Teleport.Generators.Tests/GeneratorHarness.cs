using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Teleport.Generators.Tests;

/// <summary>Runs the generator in-process on source text, as the compiler does for a user project.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var refs = paths.Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location));
        return refs.ToImmutableArray();
    });

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compilation(params string[] sources) => Compilation(ParseOptions, sources);

    public static CSharpCompilation Compilation(CSharpParseOptions parseOptions, params string[] sources) =>
        CSharpCompilation.Create(
            "UserAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"Network{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    public static GeneratorDriver Driver() => Driver(ParseOptions);

    /// <summary>A driver whose parse options (the project's, as the compiler passes them) are <paramref name="parseOptions"/>.</summary>
    public static GeneratorDriver Driver(CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(
            new[] { new TeleportGenerator().AsSourceGenerator() },
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>A 4-3-2 regression network whose hidden layer has the activation <paramref name="activation"/> (the formula as C# string text).</summary>
    public static string DenseActivationNetwork(string activation) => $$"""
        using Teleport;
        [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
        [Dense(3, Activation = "{{activation}}")]
        [Dense(2)]
        public partial class Net { }
        """;

    /// <summary>Runs the generator; returns the generated sources, its diagnostics and those of the updated compilation.</summary>
    public static GeneratorOutput Run(params string[] sources) => Run(ParseOptions, sources);

    /// <summary>As <see cref="Run(string[])"/>, compiling the sources and running the generator with <paramref name="parseOptions"/> (e.g. an older LangVersion).</summary>
    public static GeneratorOutput Run(CSharpParseOptions parseOptions, params string[] sources)
    {
        var compilation = Compilation(parseOptions, sources);
        var driver = Driver(parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var generatorDiagnostics);
        var result = driver.GetRunResult();
        var compileDiagnostics = updated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return new GeneratorOutput(
            result.GeneratedTrees.Select(t => t.ToString()).ToImmutableArray(),
            generatorDiagnostics.AddRange(result.Diagnostics).Distinct().ToImmutableArray(),
            compileDiagnostics,
            updated);
    }
}

internal sealed record GeneratorOutput(
    ImmutableArray<string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    Compilation Compilation)
{
    public string SingleSource => Assert.Single(Sources);

    /// <summary>Fails with the diagnostics listed when the generated code does not compile cleanly.</summary>
    public GeneratorOutput AssertCompilesCleanly()
    {
        var problems = CompilationDiagnostics.Concat(GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Select(d => d.ToString())));
        return this;
    }

    /// <summary>The updated compilation (user code and generated code) emitted and loaded, to run what the generator wrote.</summary>
    public System.Reflection.Assembly Load()
    {
        AssertCompilesCleanly();
        using var image = new MemoryStream();
        var emitted = Compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return System.Reflection.Assembly.Load(image.ToArray());
    }

    /// <summary>As <see cref="AssertCompilesCleanly"/>, allowing the generator diagnostics <paramref name="ids"/>.</summary>
    public GeneratorOutput AssertCompilesCleanlyExcept(params string[] ids)
    {
        var problems = CompilationDiagnostics.Concat(GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !ids.Contains(d.Id))).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Select(d => d.ToString())));
        return this;
    }
}
