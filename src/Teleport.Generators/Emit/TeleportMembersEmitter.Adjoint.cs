using System.Linq;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Symmetry;

namespace Teleport.Generators.Emit;

/// <summary>
/// Emits <c>LieAlgebraAdjoint</c> for one precision (the <c>ILieAlgebraAdjoint</c> contract): every active symmetry's
/// adjoint kernel — the same kernels <c>TeleportObjectiveGradient</c> calls on 2·H·∇L — applied to a cotangent the caller
/// gives, with H, Z and A from one forward pass when a data-dependent symmetry is active. The sharpness, Hessian-trace
/// and top-eigenvalue teleport objectives form their cotangent in the runtime and need nothing else derived.
/// </summary>
internal sealed partial class TeleportMembersEmitter
{
    /// <summary>Dense, non-recurrent networks: the layer blocks' forward-pass slices are the activations program's tensors.</summary>
    public static bool SupportsLieAlgebraAdjoint(DerivedNetwork network) => network.Spec.InputShape is null && network.Recurrent is null;

    private void EmitLieAlgebraAdjoint(CodeWriter w)
    {
        var symmetries = Network.Symmetries;
        var remarks = symmetries.Count == 0
            ? "This network has no symmetries: there is nothing to write."
            : "Per symmetry, with G = cotangent split into G_V, G_b, G_U:\n" + string.Join("\n", symmetries.Select(s => $"{s.Id} on layer {s.Layer}: {s.Adjoint}"));
        Doc(w, "LieAlgebraAdjoint",
            "For every active symmetry, the adjoint of its action at the identity applied to `cotangent`: ∂⟨G, g·θ⟩/∂T at g = I, written to its slice of `lieAlgebraGradient` (see ILieAlgebraAdjoint).",
            remarks);
        using (w.Open($"public bool LieAlgebraAdjoint({TypeNames.ReadOnlySpan}<bool> active, {ReadOnly} inputs, {ReadOnly} cotangent, {Span} lieAlgebraGradient)"))
        {
            w.Line($"{TypeNames.ModelArguments}.CheckLength(active.Length, {Literals.Int(symmetries.Count)}, nameof(active));");
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(cotangent.Length, ParameterCount, nameof(cotangent));");
            w.Line($"{TypeNames.ModelArguments}.CheckLength(lieAlgebraGradient.Length, LieAlgebraDimension, nameof(lieAlgebraGradient));");
            if (symmetries.Count == 0)
            {
                w.Line("return true;");
                return;
            }
            w.Line("// The kernels read the cotangent's blocks as G_V, G_b, G_U.");
            w.Line($"{ReadOnly} result = cotangent;");
            w.Line("bool formed = true;");
            var map = Storage.For(Network.Activations);
            if (symmetries.Any(s => s.IsDataDependent))
            {
                var anyData = string.Join(" || ", symmetries.Where(s => s.IsDataDependent).Select(s => $"active[{Literals.Int(Index(s))}]"));
                w.Line("// The data-dependent adjoints read the layers' H, Z and A on the batch: one forward pass.");
                w.Line("int n = 0;");
                w.Line($"{Span} forward = default;");
                using (w.Open($"if ({anyData})"))
                {
                    w.Line($"n = {TypeNames.ModelArguments}.BatchSize(inputs.Length, InputSize);");
                    w.Line("forward = ForwardActivations(inputs, n);");
                }
            }
            foreach (var s in symmetries)
            {
                var lie = $"lieAlgebraGradient.Slice({Literals.Int(s.Offset)}, {Literals.Int(s.Dimension)})";
                w.Line($"// {s.Id} on hidden layer {s.Layer} ({s.GroupName}): {s.Adjoint}");
                using (w.Open($"if (active[{Literals.Int(Index(s))}])"))
                {
                    Blocks.Declare(w, "block", s, Blocks.AdjointFields(s, null,
                        t => t.Storage == TensorStorage.Inputs ? "inputs" : $"forward.Slice({map.SliceArguments(t, "n")})"));
                    var kernel = $"{TypeNames.SymmetryKernels}.{AdjointKernel(s)}";
                    if (s.IsDataDependent)
                    {
                        using (w.Open($"if (!{kernel}(block, {lie}))"))
                        {
                            w.Line($"{lie}.Clear();");
                            w.Line("formed = false;");
                        }
                    }
                    else
                    {
                        w.Line($"{kernel}(block, {lie});");
                    }
                }
            }
            w.Line("return formed;");
        }
        w.Line();
    }
}
