using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// Hint names of very long networks. With EmitCompilerGeneratedFiles the compiler writes each generated file under its
/// hint name, and a 400-character class name gave a file name past the 255-byte limit (CS0016, the build failed).
/// A hint name over Identifiers.MaxHintNameBytes is now cut and given a stable hash; ordinary names are kept.
/// </summary>
public sealed class LongHintNameTests
{
    private static readonly int Max = Teleport.Generators.Emit.Identifiers.MaxHintNameBytes;

    private static string Network(string name) => $"[Network(Inputs = 4)] [Dense(2)] public partial class {name} {{ }}\n";

    private static string[] HintNames(params string[] names)
    {
        var source = "using Teleport;\nnamespace Demo;\n" + string.Concat(names.Select(Network));
        var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(source), out var updated, out var diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.Empty(updated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).ToArray();
    }

    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    [Fact]
    public void AFourHundredCharacterNameGetsAShortFileNameTheFileSystemTakes()
    {
        var name = "Net" + new string('x', 397);
        var hint = Assert.Single(HintNames(name));
        Assert.InRange(Bytes(hint), Max + 1, Max + 3);
        Assert.StartsWith("Demo.Netxxx", hint, System.StringComparison.Ordinal);
        Assert.Matches(@"-h[0-9a-f]{16}\.Teleport\.g\.cs$", hint);
        // What EmitCompilerGeneratedFiles does with it: the full name was refused by the file system.
        var folder = Directory.CreateTempSubdirectory("teleport-hint-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, hint), "// generated");
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(folder.FullName, "Demo." + name + ".Teleport.g.cs"), "// generated"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        // Deterministic: another run, another compilation, the same name.
        Assert.Equal(hint, Assert.Single(HintNames(name)));
    }

    [Fact]
    public void LongNamesDifferingOnlyPastTheCutOrInCaseGetDistinctNames()
    {
        var stem = "Net" + new string('x', 390);
        var hints = HintNames(stem + "Alpha", stem + "Omega", stem + "ALPHA");
        Assert.Equal(3, hints.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(hints, h => Assert.InRange(Bytes(h), Max + 1, Max + 3 + ".1".Length));
    }

    [Fact]
    public void ALongNameOfNonAsciiLettersIsCutBetweenCharacters()
    {
        // 'é' takes 2 bytes and 'ж' 2, '中' 3: the cut must not split one.
        var hint = Assert.Single(HintNames("Ré" + string.Concat(Enumerable.Repeat("é中ж", 100))));
        Assert.InRange(Bytes(hint), Max + 1, Max + 3);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(hint)));
        Assert.StartsWith("Demo.Réé中ж", hint, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ANameAtTheLimitIsKeptAndOneByteMoreIsShortened()
    {
        // "Demo." + name + ".Teleport.g.cs": 19 bytes around the class name.
        var atLimit = "N" + new string('x', Max - 19 - 1);
        Assert.Equal("Demo." + atLimit + ".Teleport.g.cs", Assert.Single(HintNames(atLimit)));
        var over = atLimit + "y";
        Assert.Matches(@"-h[0-9a-f]{16}\.Teleport\.g\.cs$", Assert.Single(HintNames(over)));
    }
}
