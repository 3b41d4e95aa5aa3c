using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Emit;

/// <summary>
/// Emits a file-local operator struct for one elementwise formula: scalar and Vector128/256/512
/// bodies, for float and double, all from the same CAS expression (so every engine computes the
/// same derived formula; tests check each against the interpreter).
/// </summary>
internal static class OperatorStructEmitter
{
    private static readonly string[] Interfaces =
    {
        TypeNames.UnaryOperator, TypeNames.BinaryOperator, TypeNames.TernaryOperator, TypeNames.QuaternaryOperator,
    };

    public static void Emit(CodeWriter w, OperatorStruct op)
    {
        var arity = op.Arity;
        var iface = Interfaces[arity - 1];
        var formula = $"({Parameters(arity)}) ↦ {MathText.Format(op.Function)}";
        w.Doc(op.Role.Length == 0 ? formula : $"{op.Role}: {formula}",
            "Derived elementwise formula, used for:\n" + string.Join("\n", op.Uses));
        w.Line($"[{TypeNames.GeneratedCode}(\"{TypeNames.GeneratorName}\", \"{TypeNames.GeneratorVersion}\")]");
        using (w.Open($"file readonly struct {op.Name} : {iface}<float>, {iface}<double>"))
        {
            var first = true;
            foreach (var type in new[] { NumericType.Float32, NumericType.Float64 })
                foreach (var width in new[] { VectorWidth.Scalar, VectorWidth.V128, VectorWidth.V256, VectorWidth.V512 })
                {
                    if (!first) w.Line();
                    first = false;
                    EmitInvoke(w, op.Function, arity, type, width);
                }
        }
    }

    private static void EmitInvoke(CodeWriter w, Expr function, int arity, NumericType type, VectorWidth width)
    {
        var scalar = type == NumericType.Float32 ? "float" : "double";
        var t = width switch
        {
            VectorWidth.V128 => $"{TypeNames.Vector128}<{scalar}>",
            VectorWidth.V256 => $"{TypeNames.Vector256}<{scalar}>",
            VectorWidth.V512 => $"{TypeNames.Vector512}<{scalar}>",
            _ => scalar,
        };
        var parameters = string.Join(", ", Enumerable.Range(0, arity).Select(i => $"{t} {Map.Variable(i)}"));
        var emitted = CSharpExpressionEmitter.Emit(function, type, width, v => v, "t");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Open($"public static {t} Invoke({parameters})"))
        {
            foreach (var statement in emitted.Statements) w.Line(statement);
            w.Line($"return {emitted.Result};");
        }
    }

    private static string Parameters(int arity) =>
        string.Join(", ", Enumerable.Range(0, arity).Select(i => Map.Variable(i)));
}
