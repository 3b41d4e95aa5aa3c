using System.Linq;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Symmetry;

namespace Teleport.Generators.Emit;

/// <summary>
/// The teleport session: the objective gradient rewritten to use the cached input Gram K = X·Xᵀ
/// and P = X·W₀ᵀ (see SessionObjective), the session's lifetime members, and its upkeep in the
/// group actions of the input layer.
/// </summary>
internal sealed partial class TeleportMembersEmitter
{
    private void EmitSession(CodeWriter w)
    {
        if (Network.Session is not { } session) return;
        var first = Network.Layers[0];
        Doc(w, "BeginTeleportSession", "Caches the input Gram X·Xᵀ and X·W₀ᵀ of this batch for the teleport's repeated evaluations (when the batch is smaller than the input width, where it pays).");
        w.Line($"public void BeginTeleportSession({ReadOnly} inputs) => (_session ??= new {TypeNames.TeleportSession}<{T}>(InputSize, {Literals.Int(first.Units)})).Begin(inputs);");
        Doc(w, "InvalidateTeleportSession", "Marks the cached X·W₀ᵀ stale (the parameters changed outside ApplyGroupAction).");
        w.Line("public void InvalidateTeleportSession() { if (_session is not null) _session.ProductValid = false; }");
        Doc(w, "EndTeleportSession", "Ends the teleport session.");
        w.Line("public void EndTeleportSession() => _session?.End();");
        w.Line();

        var program = session.Program;
        var w0 = first.Weight!;  // a session exists only for a dense first layer (SessionObjective)
        var remarks = "The objective on the session's batch. With K = X·Xᵀ and P = X·W₀ᵀ cached:\n" +
            "R{P} = X·(δPᵀ·X)ᵀ = K·δP,  ‖∂L/∂W₀‖² = ⟨δP, K·δP⟩,  (2H∇L)_W₀·W₀ᵀ = 2·R{δP}ᵀ·P,  (2H∇L)_W₀·Xᵀ = 2·R{δP}ᵀ·K.\n" +
            "Derived program:\n" + ProgramEmitter.Formulas(program);
        Doc(w, "SessionObjectiveGradient", "The teleport objective and its Lie-algebra gradient within a session (no d-wide product on the input layer).", remarks);
        using (w.Open($"private {TypeNames.TeleportObjectiveValue}<{T}> SessionObjectiveGradient({ReadOnly} inputs, {TargetSpan} targets, {TypeNames.ReadOnlySpan}<bool> active, {Span} gradient, {Span} lieAlgebraGradient, int n, {TypeNames.TeleportSession}<{T}> session)"))
        {
            if (Storage.UsesWorkspace) w.Line($"{Span} workspace = Workspace(n);");
            w.Line($"{ReadOnly} parameters = _parameters;");
            w.Line($"{Span} objectiveGradient = _objectiveGradient ??= new(ParameterCount);");
            w.Line($"{ReadOnly} v = objectiveGradient;");
            w.Line($"{Span} result = _objectiveScratch ??= new(ParameterCount);");
            w.Line($"{T} loss;");
            Programs.GradientSpanName = "objectiveGradient";
            Programs.EmitBody(w, program, session.CachedProduct);
            Programs.GradientSpanName = "gradient";
            var start = Literals.Int(w0.Offset);
            var end = Literals.Int(w0.Offset + w0.Rows * w0.Columns);
            w.Line("// F = ‖∇L‖², the input layer's weights through ‖δPᵀ·X‖² = ⟨δP, K·δP⟩ = ⟨δP, R{P}⟩");
            var before = w0.Offset > 0 ? $"{TypeNames.Reductions}.SumOfSquares<{T}>(objectiveGradient.Slice(0, {start})) + " : "";
            w.Line($"{T} norm = {before}{TypeNames.Reductions}.SumOfSquares<{T}>(objectiveGradient.Slice({end})) + {TypeNames.Reductions}.Dot<{T}>({session.Delta.Name}, {session.TangentProduct.Name});");
            using (w.Open("if (!gradient.IsEmpty)"))
            {
                w.Line("// ∇L when asked: the input layer's weights need the d-wide ∂L/∂W₀ = δPᵀ·X");
                w.Line("objectiveGradient.CopyTo(gradient);");
                w.Line($"{TypeNames.MatrixMultiply}.TN({session.Delta.Name}, inputs, gradient.Slice({start}, {Literals.Int(w0.Rows * w0.Columns)}), {Literals.Int(w0.Rows)}, n, {Literals.Int(w0.Columns)}, accumulate: false);");
            }
            w.Line("// G_F = ∂F/∂θ = 2·H·∇L, doubled in place (exact); the input layer's block is never formed: its weights act only through the products above");
            if (w0.Offset > 0) w.Line($"{TypeNames.Elementwise}.Add<{T}>(result.Slice(0, {start}), result.Slice(0, {start}), result.Slice(0, {start}));");
            w.Line($"{TypeNames.Elementwise}.Add<{T}>(result.Slice({end}), result.Slice({end}), result.Slice({end}));");
            foreach (var s in Network.Symmetries) EmitAdjointCall(w, s, session: true);
            w.Line("return new(loss, norm);");
        }
        w.Line();
    }

    /// <summary>After an input-layer action, keeps the session's P = X·W₀ᵀ current (or marks it stale).</summary>
    private void EmitSessionUpkeep(CodeWriter w, DerivedSymmetry s)
    {
        if (Network.Session is null || s.Layer != 0) return;
        var update = s.Kind switch
        {
            SymmetryKind.Diagonal => "_session.ScaleProductColumns(groupElement);  // W₀ → D·W₀: P → P·D",
            SymmetryKind.DataDependent => "_session.ProductValid = false;  // W₀ moves by a data-fitted change: recompute P",
            SymmetryKind.GeneralLinear or SymmetryKind.LeastSquares => "_session.TransformProduct(groupElement);  // W₀ → g·W₀: P → P·gᵀ",
            _ => throw new System.ArgumentOutOfRangeException(nameof(s), s.Kind, "No session upkeep for this symmetry kind."),
        };
        w.Line($"if (result == {TypeNames.GroupActionResult}.Applied && _session is {{ IsActive: true }}) {update}");
    }

    /// <summary>The session's input Gram for an input-layer S3 action on the session's batch, else null.</summary>
    private string? SessionGramFor(DerivedSymmetry s) =>
        Network.Session is not null && s.Layer == 0 && s.Kind == SymmetryKind.DataDependent
            ? "_session is { } session && session.Covers(inputs) ? session.Gram : default"
            : null;
}
