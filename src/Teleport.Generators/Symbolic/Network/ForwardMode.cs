using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The tangent statements, R{T} for every tensor that a statement gives a non-zero tangent, and every
/// tangent known when the walk ended (<see cref="Seeds"/>: also the seeds and the aliases, e.g. R{θ} = v).
/// </summary>
internal sealed record TangentProgram(List<Statement> Statements, Dictionary<Tensor, Tensor> Tangents, Dictionary<Tensor, Tensor> Seeds);

/// <summary>
/// Forward mode (Pearlmutter's R-operator) over a program, seeded with R{θ} = v: walks the statements
/// in order applying each op's JVP rule. Applied to forward + backward it yields R{∇L} = H·v; tangents
/// of gradient tensors land in the caller's result span, all others in the workspace.
/// Applied a second time to that H·v program with the same seed (<see cref="DifferentiateAgain"/>) it
/// yields RR{∇L} = d/dε H(θ + εv)·v = D³L[v, v, ·], the gradient of vᵀHv with v held fixed.
/// </summary>
internal static class ForwardMode
{
    public static TangentProgram Differentiate(IReadOnlyList<Statement> program, IReadOnlyList<Tensor> parameters)
    {
        var context = new TangentContext(primal => primal.Storage == TensorStorage.Gradient
            ? primal with { Name = "h" + primal.Name.Substring(1), Display = "(H·v)[" + primal.Display.Replace("∂L/∂", "") + "]", Storage = TensorStorage.HessianVector }
            : primal with { Name = "r" + primal.Name, Display = "R{" + primal.Display + "}", Storage = TensorStorage.Workspace, Offset = 0 });
        foreach (var p in parameters)
            context.Define(p, p with { Name = "v" + p.Name, Display = "V[" + p.Display + "]", Storage = TensorStorage.Direction });

        foreach (var statement in program) statement.Jvp(context);
        return Result(context, program);
    }

    /// <summary>
    /// Forward mode over a tangent program <paramref name="first"/> (from <see cref="Differentiate"/>) along the same
    /// seed v. Differentiating a primal statement again along v gives back its first tangent, so the primal tensors'
    /// second-pass tangents are the first pass's R{T} (seeded here, nothing recomputed) and only the tangent
    /// statements are walked: each JVP rule reads R{T} for a primal input and RR{T} for a tangent input; the
    /// direction v itself is constant (R{v} = 0). Tangents of H·v land in the caller's third-order span
    /// (D³L[v, v, ·]), all others (RR{Z}, RR{δZ}, …) in the workspace. σ‴ enters through the CAS (the JVP of
    /// the maps R{H} = σ′(Z)·R{Z} and R{δZ} = σ′(Z)·R{δH} + σ″(Z)·R{Z}·δH), the loss through its tangent op's JVP.
    /// </summary>
    public static TangentProgram DifferentiateAgain(TangentProgram first)
    {
        var context = new TangentContext(primal => primal.Storage == TensorStorage.HessianVector
            ? ThirdOrderTensor(primal)
            : primal with { Name = "r" + primal.Name, Display = "R" + primal.Display, Storage = TensorStorage.Workspace, Offset = 0 });
        foreach (var seed in first.Seeds)
        {
            // R{v} = 0: the direction is not a function of θ.
            if (seed.Key.Storage != TensorStorage.Direction) context.Define(seed.Key, seed.Value);
        }

        foreach (var statement in first.Statements) statement.Jvp(context);
        return Result(context, first.Statements);
    }

    /// <summary>
    /// The third-order result block of <paramref name="hessianVector"/> when its second tangent is identically zero
    /// (every term simplified away, e.g. a linear network under the squared error): a statement filling it with 0,
    /// appended to <paramref name="statements"/>.
    /// </summary>
    public static Tensor ZeroTangent(Tensor hessianVector, List<Statement> statements)
    {
        var zero = ThirdOrderTensor(hessianVector);
        statements.Add(Map.Create(zero, Scalar.Expr.Zero, System.Array.Empty<Tensor>(), "zero"));
        return zero;
    }

    /// <summary>The third-order result block matching an H·v block: D³L[v,v,·][W] in the caller's third-order span.</summary>
    private static Tensor ThirdOrderTensor(Tensor hessianVector) =>
        hessianVector with { Name = "t" + hessianVector.Name.Substring(1), Display = "D³L[v,v,·][" + hessianVector.Display.Substring("(H·v)[".Length), Storage = TensorStorage.ThirdOrder };

    private static TangentProgram Result(TangentContext context, IReadOnlyList<Statement> program)
    {
        var tangents = new Dictionary<Tensor, Tensor>();
        foreach (var s in program)
        {
            foreach (var output in s.Outputs)
            {
                var t = context.TangentOf(output);
                if (t is not null) tangents[output] = t;
            }
        }
        return new TangentProgram(context.Statements.ToList(), tangents, context.Derived.ToDictionary(p => p.Key, p => p.Value));
    }
}
