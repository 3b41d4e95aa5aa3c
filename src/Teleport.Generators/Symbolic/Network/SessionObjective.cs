using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Model;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The teleport objective rewritten for a session on one batch X (see the runtime's TeleportSession):
/// the input layer's four d-wide products become products with the cached n×n Gram K = X·Xᵀ and
/// the cached P = X·W₀ᵀ:
/// R{P} = X·V_W₀ᵀ with V_W₀ = ∇_W₀L = δPᵀ·X becomes K·δP; ∇_W₀L and (H·∇L)_W₀ are not formed,
/// because F needs only ‖δPᵀ·X‖² = ⟨δP, K·δP⟩ and the adjoints only R{δP}ᵀ·P and R{δP}ᵀ·K.
/// </summary>
internal sealed record SessionObjective(
    TensorProgram Program,
    MatMul CachedProduct,
    Tensor Gram,
    Tensor Delta,
    Tensor TangentProduct,
    Tensor TangentDelta,
    Tensor FirstWeightGradient)
{
    /// <summary>P = X·W₀ᵀ, cached by the session.</summary>
    public Tensor Product => CachedProduct.Result;

    /// <summary>
    /// Rewrites the objective's statements (forward, loss, backward, tangent; v = ∇L), or returns null
    /// when the input layer's products are not all there (nothing to gain).
    /// </summary>
    public static SessionObjective? Rewrite(IReadOnlyList<Statement> statements, IEnumerable<Tensor> gradients, IEnumerable<Tensor> hessianVector)
    {
        var products = statements.OfType<MatMul>().ToList();
        var forward = products.FirstOrDefault(m => m.Kind == MatMulKind.NT && m.Left.Storage == TensorStorage.Inputs);
        var gradient = products.FirstOrDefault(m => m.Kind == MatMulKind.TN && m.Right.Storage == TensorStorage.Inputs && m.Result.Storage == TensorStorage.Gradient);
        var tangent = products.FirstOrDefault(m => m.Kind == MatMulKind.NT && m.Left.Storage == TensorStorage.Inputs && m.Right.Storage == TensorStorage.Direction);
        var curvature = products.FirstOrDefault(m => m.Kind == MatMulKind.TN && m.Right.Storage == TensorStorage.Inputs && m.Result.Storage == TensorStorage.HessianVector);
        if (forward is null || gradient is null || tangent is null || curvature is null) return null;
        if (products.Count(m => m.Left.Storage == TensorStorage.Inputs || m.Right.Storage == TensorStorage.Inputs) != 4) return null;

        var gram = new Tensor("gram", "K", Tensor.Batch, Tensor.Batch, TensorStorage.Session);
        var delta = gradient.Left;
        var rewritten = new List<Statement>();
        foreach (var s in statements)
        {
            if (ReferenceEquals(s, gradient) || ReferenceEquals(s, curvature)) continue;
            // R{P} = X·(δPᵀ·X)ᵀ = (X·Xᵀ)·δP
            rewritten.Add(ReferenceEquals(s, tangent) ? new MatMul(tangent.Result, gram, delta, MatMulKind.NN) : s);
        }

        var wanted = gradients.Where(g => !g.Equals(gradient.Result))
            .Concat(hessianVector.Where(h => !h.Equals(curvature.Result)))
            .Concat(new[] { delta, tangent.Result, curvature.Left, forward.Result });
        var program = ProgramSlicer.Slice(rewritten, wanted, keepLoss: true);
        return new SessionObjective(program, forward, gram, delta, tangent.Result, curvature.Left, gradient.Result);
    }
}
