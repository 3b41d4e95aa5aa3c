using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>The tangent statements and R{T} for every tensor that has a non-zero tangent.</summary>
internal sealed record TangentProgram(List<Statement> Statements, Dictionary<Tensor, Tensor> Tangents);

/// <summary>
/// Forward mode (Pearlmutter's R-operator) over a program, seeded with R{θ} = v: walks the statements
/// in order applying each op's JVP rule. Applied to forward + backward it yields R{∇L} = H·v; tangents
/// of gradient tensors land in the caller's result span, all others in the workspace.
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

        var tangents = new Dictionary<Tensor, Tensor>();
        foreach (var s in program)
        {
            foreach (var output in s.Outputs)
            {
                var t = context.TangentOf(output);
                if (t is not null) tangents[output] = t;
            }
        }
        return new TangentProgram(context.Statements.ToList(), tangents);
    }
}
