using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

// Names the generated code and the user's code share: the generated method Teleport(…) hides the namespace Teleport
// from expressions in the class (TP0022).
public partial class DiagnosticTests
{
    [Theory]
    // The class's own attribute arguments bind in the class (its name in [Teleport.Network] is a type context, fine).
    [InlineData("[Teleport.Network(Inputs = 4, Loss = Teleport.LossKind.MeanSquaredError)]\n[Teleport.Dense(2)]\npublic partial class Net { }", "Teleport.LossKind")]
    [InlineData("[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class Net { private readonly global::Teleport.LossKind _kind = Teleport.LossKind.MeanSquaredError; }", "Teleport.LossKind")]
    [InlineData("[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class Net { [System.ComponentModel.DefaultValue(Teleport.LossKind.MeanSquaredError)] public int Kind { get; set; } }", "Teleport.LossKind")]
    [InlineData("[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class Net { public class Inner { public object K = Teleport.LossKind.SoftmaxCrossEntropy; } }", "Teleport.LossKind")]
    public void TP0022_QualifiedTeleportNameInTheClass(string declaration, string use)
    {
        var source = "using Teleport;\n" + declaration + "\n";
        var d = Single("TP0022", source);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(use, Underlined(d));
        Assert.Contains($"In 'Net', '{use}' means the generated method Teleport(…), not the namespace Teleport (error CS0119); write 'global::{use}'", d.GetMessage());
        // The warning explains the compiler's error at the same place.
        var output = GeneratorHarness.Run(source);
        Assert.Contains(output.CompilationDiagnostics, c => c.Id == "CS0119" && c.Location.SourceSpan.Start == d.Location.SourceSpan.Start);
    }

    [Theory]
    [InlineData("[Teleport.Network(Inputs = 4)]\n[Teleport.Dense(2)]\npublic partial class Net { }")]
    [InlineData("[Network(Inputs = 4, Loss = global::Teleport.LossKind.MeanSquaredError)]\n[Dense(2)]\npublic partial class Net { private global::Teleport.LossKind _kind = global::Teleport.LossKind.MeanSquaredError; public global::Teleport.LossKind Kind => _kind; }")]
    [InlineData("[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class Net { public Teleport.LossKind Kind { get; set; } public System.Type T => typeof(Teleport.LossKind); }")]
    [InlineData("[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]\n[Dense(2)]\npublic partial class Net { }\npublic static class Outside { public static object K = Teleport.LossKind.MeanSquaredError; }")]
    public void TP0022_NotReportedWhereTheNamespaceIsSeen(string declaration)
    {
        var output = GeneratorHarness.Run("using Teleport;\n" + declaration + "\n").AssertCompilesCleanly();
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id == "TP0022");
    }
    [Theory]
    // The use in the other partial declaration, after or before the one carrying [Network].
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void TP0022_InAnotherPartialDeclaration(int networkFile, int useFile)
    {
        // Only the declaration with [Network] was scanned: the use in the other file was CS0119 without a word.
        var files = new string[2];
        files[networkFile] = "using Teleport;\n[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class Net { }\n";
        files[useFile] = "using Teleport;\npublic partial class Net { private readonly object _kind = Teleport.LossKind.MeanSquaredError; }\n";
        var output = GeneratorHarness.Run(files);
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0022");
        Assert.Equal($"Network{useFile}.cs", d.Location.GetLineSpan().Path);
        Assert.Equal("Teleport.LossKind", files[useFile].Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        Assert.Contains(output.CompilationDiagnostics, c => c.Id == "CS0119" && c.Location.GetLineSpan().Path == d.Location.GetLineSpan().Path
            && c.Location.SourceSpan.Start == d.Location.SourceSpan.Start);
    }

    [Fact]
    public void TP0022_OncePerPartialDeclaration()
    {
        var output = GeneratorHarness.Run(
            "using Teleport;\n[Network(Inputs = 4, Loss = Teleport.LossKind.MeanSquaredError)]\n[Dense(2)]\npublic partial class Net { }\n",
            "using Teleport;\npublic partial class Net { public class Inner { public object K = Teleport.LossKind.SoftmaxCrossEntropy; public object L = Teleport.LossKind.MeanSquaredError; } }\n");
        var paths = output.GeneratorDiagnostics.Where(x => x.Id == "TP0022").Select(x => x.Location.GetLineSpan().Path).ToArray();
        Assert.Equal(new[] { "Network0.cs", "Network1.cs" }, paths);
    }
}
