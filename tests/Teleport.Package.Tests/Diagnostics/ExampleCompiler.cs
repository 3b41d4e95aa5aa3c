using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Teleport.Generators;

namespace Teleport.Package.Tests.Diagnostics;

/// <summary>
/// Compiles a documentation example as a user project would: the BCL and Teleport.Runtime as
/// references, the Teleport generator run on it, then the generated code compiled with it.
/// An example whose first line is a comment holding a project setting <c>&lt;LangVersion&gt;10&lt;/LangVersion&gt;</c>
/// compiles as that C# (TP0021's page); the others as the latest.
/// </summary>
internal static class ExampleCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = paths
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location));
        return [.. references];
    });

    /// <summary>The generator's diagnostics and the compilation's warnings and errors after generation.</summary>
    public static (ImmutableArray<Diagnostic> Generator, ImmutableArray<Diagnostic> Compilation) Compile(string source)
    {
        var parse = new CSharpParseOptions(LangVersion(source));
        var compilation = CSharpCompilation.Create(
            "DocExample",
            [CSharpSyntaxTree.ParseText(source, parse, path: "Example.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var driver = CSharpGeneratorDriver.Create([new TeleportGenerator().AsSourceGenerator()], parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var generatorDiagnostics);
        var compileDiagnostics = updated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return (generatorDiagnostics, compileDiagnostics);
    }

    private static LanguageVersion LangVersion(string source)
    {
        var firstLine = source.Split('\n')[0];
        var match = System.Text.RegularExpressions.Regex.Match(firstLine, @"^//.*<LangVersion>(?<v>[^<]+)</LangVersion>");
        if (!match.Success) return LanguageVersion.Latest;
        Assert.True(LanguageVersionFacts.TryParse(match.Groups["v"].Value.Trim(), out var version), $"unknown LangVersion in: {firstLine}");
        return version;
    }
}
