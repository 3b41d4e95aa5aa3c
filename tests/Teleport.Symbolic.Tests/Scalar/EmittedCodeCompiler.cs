using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>A compiled kernel: evaluates emitted code at points (vector kernels a register at a time).</summary>
public interface IEmittedKernel
{
    /// <summary>Evaluates at each point; <paramref name="points"/>' length is a multiple of 16.</summary>
    void Evaluate(double[] points, double[] results);

    /// <summary>Evaluates a kernel in x and y (<see cref="EmittedCodeCompiler.AddBinary"/>) at each (xs[i], ys[i]).</summary>
    void Evaluate(double[] xs, double[] ys, double[] results) => throw new NotSupportedException("a kernel in x only");
}

/// <summary>
/// Test-only: compiles emitted C# with Roslyn into an in-memory assembly (the CAS itself never touches Roslyn),
/// one class per (expression, type, width), all in one compilation.
/// </summary>
internal sealed class EmittedCodeCompiler
{
    private readonly StringBuilder _source = new();
    private readonly List<string> _names = new();

    public static readonly NumericType[] Types = { NumericType.Float32, NumericType.Float64 };
    public static readonly VectorWidth[] Widths = { VectorWidth.Scalar, VectorWidth.V128, VectorWidth.V256, VectorWidth.V512 };

    /// <summary>
    /// Adds a kernel for <paramref name="e"/> in x; each other variable is bound to an expression in x
    /// (<paramref name="bindings"/>, emitted the same way). Returns its handle.
    /// </summary>
    public int Add(Expr e, NumericType type, VectorWidth width, IReadOnlyDictionary<string, Expr>? bindings = null)
    {
        var id = _names.Count;
        var name = "Kernel" + id;
        _names.Add(name);
        var body = new StringBuilder();
        foreach (var (variable, binding) in (bindings ?? new Dictionary<string, Expr>()).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var bound = CSharpExpressionEmitter.Emit(binding, type, width, v => v, "p_" + variable + "_");
            body.Append(string.Concat(bound.Statements.Select(s => "            " + s + "\n")));
            body.Append("            var ").Append(variable).Append(" = ").Append(bound.Result).Append(";\n");
        }

        var emitted = CSharpExpressionEmitter.Emit(e, type, width, v => v, "t");
        var element = type == NumericType.Float32 ? "float" : "double";
        body.Append(string.Concat(emitted.Statements.Select(s => "            " + s + "\n")));
        _source.Append("public sealed class ").Append(name).Append(" : global::Teleport.Symbolic.Tests.Scalar.IEmittedKernel\n{\n");
        _source.Append("    public void Evaluate(double[] points, double[] results)\n    {\n");
        _source.Append("        var input = new ").Append(element).Append("[points.Length];\n");
        _source.Append("        var output = new ").Append(element).Append("[points.Length];\n");
        _source.Append("        for (int i = 0; i < points.Length; i++) input[i] = (").Append(element).Append(")points[i];\n");
        if (width == VectorWidth.Scalar)
        {
            _source.Append("        for (int i = 0; i < input.Length; i++)\n        {\n");
            _source.Append("            var x = input[i];\n").Append(body);
            _source.Append("            output[i] = ").Append(emitted.Result).Append(";\n        }\n");
        }
        else
        {
            var vector = "global::System.Runtime.Intrinsics.Vector" + (int)width;
            _source.Append("        int lanes = ").Append(vector).Append('<').Append(element).Append(">.Count;\n");
            _source.Append("        for (int i = 0; i < input.Length; i += lanes)\n        {\n");
            _source.Append("            var x = ").Append(vector).Append(".LoadUnsafe(ref input[i]);\n").Append(body);
            _source.Append("            ").Append(vector).Append(".StoreUnsafe(").Append(emitted.Result).Append(", ref output[i]);\n        }\n");
        }

        _source.Append("        for (int i = 0; i < points.Length; i++) results[i] = output[i];\n    }\n}\n\n");
        return id;
    }

    /// <summary>
    /// Adds a kernel for <paramref name="e"/> in x and y, both read from arrays (evaluated with the three-array
    /// <see cref="IEmittedKernel.Evaluate(double[], double[], double[])"/>; lengths a multiple of 16). Returns its handle.
    /// </summary>
    public int AddBinary(Expr e, NumericType type, VectorWidth width)
    {
        var id = _names.Count;
        var name = "Kernel" + id;
        _names.Add(name);
        var emitted = CSharpExpressionEmitter.Emit(e, type, width, v => v, "t");
        var element = type == NumericType.Float32 ? "float" : "double";
        var body = string.Concat(emitted.Statements.Select(s => "            " + s + "\n"));
        _source.Append("public sealed class ").Append(name).Append(" : global::Teleport.Symbolic.Tests.Scalar.IEmittedKernel\n{\n");
        _source.Append("    public void Evaluate(double[] points, double[] results) => throw new global::System.NotSupportedException();\n");
        _source.Append("    public void Evaluate(double[] xs, double[] ys, double[] results)\n    {\n");
        _source.Append("        var xIn = new ").Append(element).Append("[xs.Length];\n");
        _source.Append("        var yIn = new ").Append(element).Append("[xs.Length];\n");
        _source.Append("        var output = new ").Append(element).Append("[xs.Length];\n");
        _source.Append("        for (int i = 0; i < xs.Length; i++) { xIn[i] = (").Append(element).Append(")xs[i]; yIn[i] = (").Append(element).Append(")ys[i]; }\n");
        if (width == VectorWidth.Scalar)
        {
            _source.Append("        for (int i = 0; i < xIn.Length; i++)\n        {\n");
            _source.Append("            var x = xIn[i];\n            var y = yIn[i];\n").Append(body);
            _source.Append("            output[i] = ").Append(emitted.Result).Append(";\n        }\n");
        }
        else
        {
            var vector = "global::System.Runtime.Intrinsics.Vector" + (int)width;
            _source.Append("        int lanes = ").Append(vector).Append('<').Append(element).Append(">.Count;\n");
            _source.Append("        for (int i = 0; i < xIn.Length; i += lanes)\n        {\n");
            _source.Append("            var x = ").Append(vector).Append(".LoadUnsafe(ref xIn[i]);\n");
            _source.Append("            var y = ").Append(vector).Append(".LoadUnsafe(ref yIn[i]);\n").Append(body);
            _source.Append("            ").Append(vector).Append(".StoreUnsafe(").Append(emitted.Result).Append(", ref output[i]);\n        }\n");
        }

        _source.Append("        for (int i = 0; i < xs.Length; i++) results[i] = output[i];\n    }\n}\n\n");
        return id;
    }

    /// <summary>Compiles every kernel added; throws with the diagnostics when the emitted code does not compile.</summary>
    public IReadOnlyList<IEmittedKernel> Compile()
    {
        var tree = CSharpSyntaxTree.ParseText(_source.ToString(), new CSharpParseOptions(LanguageVersion.Latest));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(IEmittedKernel).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "EmittedKernels" + Guid.NewGuid().ToString("N"),
            new[] { tree },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10);
            throw new InvalidOperationException("Emitted code does not compile:\n" + string.Join("\n", errors));
        }

        var assembly = Assembly.Load(stream.ToArray());
        return _names.Select(n => (IEmittedKernel)Activator.CreateInstance(assembly.GetType(n)!)!).ToList();
    }

    /// <summary>The source compiled (for failure messages).</summary>
    public string Source => _source.ToString();
}
