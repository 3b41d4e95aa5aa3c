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
        w.Doc("Caches the input Gram X·Xᵀ and X·W₀ᵀ of this batch for the teleport's repeated evaluations (when the batch is smaller than the input width, where it pays).");
        w.Line($"public void BeginTeleportSession({ReadOnly} inputs) => (_session ??= new {TypeNames.TeleportSession}<{T}>(InputSize, {Literals.Int(first.Units)})).Begin(inputs);");
        w.Doc("Marks the cached X·W₀ᵀ stale (the parameters changed outside ApplyGroupAction).");
        w.Line("public void InvalidateTeleportSession() { if (_session is not null) _session.ProductValid = false; }");
        w.Doc("Ends the teleport session.");
        w.Line("public void EndTeleportSession() => _session?.End();");
        w.Line();

        var program = session.Program;
        var w0 = first.Weight;
        var remarks = "The objective on the session's batch. With K = X·Xᵀ and P = X·W₀ᵀ cached:\n" +
            "R{P} = X·(δPᵀ·X)ᵀ = K·δP,  ‖∂L/∂W₀‖² = ⟨δP, K·δP⟩,  (2H∇L)_W₀·W₀ᵀ = 2·R{δP}ᵀ·P,  (2H∇L)_W₀·Xᵀ = 2·R{δP}ᵀ·K.\n" +
            "Derived program:\n" + ProgramEmitter.Formulas(program);
        w.Doc("The teleport objective and its Lie-algebra gradient within a session (no d-wide product on the input layer).", remarks);
        using (w.Open($"private {TypeNames.TeleportObjectiveValue}<{T}> SessionObjectiveGradient({ReadOnly} inputs, {TargetSpan} targets, {TypeNames.ReadOnlySpan}<bool> active, {Span} gradient, {Span} lieAlgebraGradient, int n, {TypeNames.TeleportSession}<{T}> session)"))
        {
            if (Storage.UsesWorkspace) w.Line($"{Span} workspace = Workspace(n);");
            w.Line($"{ReadOnly} parameters = _parameters;");
            w.Line($"{Span} objectiveGradient = _objectiveGradient ??= new {T}[ParameterCount];");
            w.Line($"{ReadOnly} v = objectiveGradient;");
            w.Line($"{Span} result = _objectiveScratch ??= new {T}[ParameterCount];");
            w.Line($"{T} loss;");
            Programs.GradientSpanName = "objectiveGradient";
            Programs.EmitBody(w, program, session.CachedProduct);
            Programs.GradientSpanName = "gradient";
            var start = Literals.Int(w0.Offset);
            var end = Literals.Int(w0.Offset + w0.Rows * w0.Columns);
            w.Line("// F = ‖∇L‖², the input layer's weights through ‖δPᵀ·X‖² = ⟨δP, K·δP⟩ = ⟨δP, R{P}⟩");
            w.Line($"{T} norm = 0;");
            if (w0.Offset > 0) w.Line($"for (var i = 0; i < {start}; i++) norm += objectiveGradient[i] * objectiveGradient[i];");
            w.Line($"for (var i = {end}; i < ParameterCount; i++) norm += objectiveGradient[i] * objectiveGradient[i];");
            w.Line($"for (var i = 0; i < {session.Delta.Name}.Length; i++) norm += {session.Delta.Name}[i] * {session.TangentProduct.Name}[i];");
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

    /// <summary>An input-layer adjoint from the session's products instead of the d-wide G_V.</summary>
    private void EmitSessionAdjointCall(CodeWriter w, DerivedSymmetry s)
    {
        var session = Network.Session!;
        var layer = Network.Layers[0];
        var next = Network.Layers[1];
        var tensors = Network.LayerTensors[0];
        string P(Tensor? t) => t is null ? "default" : $"parameters.Slice({Literals.Int(t.Offset)}, {Literals.Int(t.Rows * t.Columns)})";
        string G(Tensor? t) => t is null ? "default" : $"result.Slice({Literals.Int(t.Offset)}, {Literals.Int(t.Rows * t.Columns)})";
        var lie = $"lieAlgebraGradient.Slice({Literals.Int(s.Offset)}, {Literals.Int(s.Dimension)})";
        var rd = session.TangentDelta.Name;
        var (k, m) = (Literals.Int(s.Width), Literals.Int(s.NextWidth));
        w.Line($"// {s.Id} on hidden layer 0 ({s.GroupName}), from the session's products: {s.Adjoint}");
        var call = s.Kind switch
        {
            SymmetryKind.GeneralLinear => $"{TypeNames.SymmetryKernels}.GeneralLinearAdjointFromProduct<{T}>(session.AdjointProduct({rd}), {G(layer.Bias)}, {P(layer.Bias)}, {P(next.Weight)}, {G(next.Weight)}, {lie}, {k}, {m});",
            SymmetryKind.Diagonal => $"{TypeNames.SymmetryKernels}.DiagonalAdjointFromProduct<{T}>(session.AdjointDiagonal({rd}), {G(layer.Bias)}, {P(layer.Bias)}, {P(next.Weight)}, {G(next.Weight)}, {lie}, {k}, {m});",
            SymmetryKind.DataDependent => $"{TypeNames.SymmetryKernels}.DataDependentAdjointFromProducts<{T}, {Operator("derivative", 0)}>(session.AdjointGramProduct({rd}), {G(layer.Bias)}, {P(next.Weight)}, {G(next.Weight)}, session.Gram, {tensors.PreActivation.Name}, {tensors.Output.Name}, {lie}, n, {k}, {Literals.Int(s.InputSize)}, {m}, {Literals.Bool(s.HasBias)});",
            _ => $"{TypeNames.SymmetryKernels}.LeastSquaresAdjointFromProduct<{T}, {Operator("derivative", 0)}>(session.AdjointProduct({rd}), {G(layer.Bias)}, {P(layer.Bias)}, {P(next.Weight)}, {G(next.Weight)}, {tensors.PreActivation.Name}, {tensors.Output.Name}, {lie}, n, {k}, {m});",
        };
        if (s.IsDataDependent)
            w.Line($"if (active[{Literals.Int(Index(s))}] && !{call.TrimEnd(';')}) {lie}.Clear();");
        else
            w.Line($"if (active[{Literals.Int(Index(s))}]) {call}");
    }

    /// <summary>After an input-layer action, keeps the session's P = X·W₀ᵀ current (or marks it stale).</summary>
    private void EmitSessionUpkeep(CodeWriter w, DerivedSymmetry s)
    {
        if (Network.Session is null || s.Layer != 0) return;
        var update = s.Kind switch
        {
            SymmetryKind.Diagonal => "_session.ScaleProductColumns(groupElement);  // W₀ → D·W₀: P → P·D",
            SymmetryKind.DataDependent => "_session.ProductValid = false;  // W₀ moves by a data-fitted change: recompute P",
            _ => "_session.TransformProduct(groupElement);  // W₀ → g·W₀: P → P·gᵀ",
        };
        w.Line($"if (applied && _session is {{ IsActive: true }}) {update}");
    }

    /// <summary>The session's input Gram for an input-layer S3 action on the session's batch, else empty.</summary>
    private string SessionGramFor(DerivedSymmetry s) =>
        Network.Session is not null && s.Layer == 0 && s.Kind == SymmetryKind.DataDependent
            ? ", _session is { } session && session.Covers(inputs) ? session.Gram : default"
            : "";
}
