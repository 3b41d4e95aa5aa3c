using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// Emits the members beyond second order for one precision: <c>QuadraticFormGradient</c> (L, H·v and
/// D³L[v, v, ·] = ∂(vᵀHv)/∂θ in one pass, the <c>IThirdOrderModel</c> contract).
/// </summary>
internal sealed class HigherOrderMembersEmitter : MembersEmitter
{
    public HigherOrderMembersEmitter(DerivedNetwork network, WorkspacePlan storage, OperatorTable operators, string scalar)
        : base(network, storage, operators, scalar)
    {
    }

    public override void Emit(CodeWriter w)
    {
        EmitQuadraticFormGradient(w);
    }

    private void EmitQuadraticFormGradient(CodeWriter w)
    {
        var program = Network.ThirdOrder;
        Doc(w, "QuadraticFormGradient",
            "The mean loss L, the Hessian-vector product H·v and the third-order term D³L[v, v, ·] = ∂(vᵀHv)/∂θ (v held fixed), exactly, in one pass; v, hessianVector and result must not overlap one another, and hessianVector and result must not overlap Parameters.",
            "Derived by forward mode applied twice with the same seed v: R{·} is the directional derivative along v of the " +
            "forward and backward passes (R{∇L} = H·v), RR{·} the directional derivative of those tangents along v again, with R{v} = 0, " +
            "so RR{∇L} = d/dε H(θ + εv)·v at ε = 0 = D³L[v, v, ·]. σ‴ enters through the derivative of σ″ in the tangent of the backward step; " +
            (Labels ? "the cross-entropy contributes its third derivative in the logits (SoftmaxCrossEntropy.SecondTangent)." : "the squared error's third derivative is zero, so its second tangent is linear.") +
            "\nDerived program (row-major, n = batch):\n" + ProgramEmitter.Formulas(program));
        using (w.Open($"public {T} QuadraticFormGradient({ReadOnly} inputs, {TargetSpan} targets, {ReadOnly} v, {Span} hessianVector, {Span} result)"))
        {
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(v.Length, ParameterCount, nameof(v));");
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(hessianVector.Length, ParameterCount, nameof(hessianVector));");
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(result.Length, ParameterCount, nameof(result));");
            w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(v, hessianVector, nameof(v), nameof(hessianVector));");
            w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(v, result, nameof(v), nameof(result));");
            w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(hessianVector, result, nameof(hessianVector), nameof(result));");
            EmitNotParameters(w, "hessianVector");
            EmitNotParameters(w, "result");
            w.Line($"var n = {TypeNames.ModelArguments}.BatchSize(inputs.Length, InputSize, targets.Length, {TargetsPerSample});");
            if (Storage.UsesWorkspace) w.Line($"{Span} workspace = Workspace(n);");
            w.Line($"{ReadOnly} parameters = _parameters;");
            w.Line($"{T} loss;");
            Programs.HessianVectorSpanName = "hessianVector";
            Programs.EmitBody(w, program);
            Programs.HessianVectorSpanName = "result";
            w.Line("return loss;");
        }
        w.Line();
        var iface = $"{TypeNames.ThirdOrderModel}<{T}>";
        w.Line($"{T} {iface}.QuadraticFormGradient({ReadOnly} inputs, {TypeNames.Targets}<{T}> targets, {ReadOnly} v, {Span} hessianVector, {Span} result) => QuadraticFormGradient(inputs, {ConvertTargets}, v, hessianVector, result);");
        w.Line();
    }
}
