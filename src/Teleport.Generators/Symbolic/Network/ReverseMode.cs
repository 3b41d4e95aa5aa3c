using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>The backward statements and the tensor holding ∂L/∂θ for each parameter tensor.</summary>
internal sealed record BackwardProgram(List<Statement> Statements, Dictionary<Tensor, Tensor> Gradients);

/// <summary>
/// Reverse mode over a program ending in a loss: walks the statements backwards, seeding δL = 1 at
/// the loss and applying each op's VJP rule. Adjoints of parameters land in the gradient span;
/// all others in the workspace (δZ, δH, …). A program without a loss is differentiated from given
/// seeds instead (a recurrent window's output cotangents δY).
/// </summary>
internal static class ReverseMode
{
    public static BackwardProgram Differentiate(IReadOnlyList<Statement> program, IReadOnlyList<Tensor> parameters) =>
        Differentiate(program, parameters, new Dictionary<Tensor, Tensor>());

    /// <param name="program">Statements in execution order.</param>
    /// <param name="parameters">θ: their adjoints go to the gradient span.</param>
    /// <param name="seeds">Adjoints given from outside (δY of a window), besides δL = 1 at a loss statement.</param>
    /// <param name="adjointPrefix">
    /// The name prefix of workspace adjoints: a second reverse program over the same tape (a window's VJP with respect
    /// to its inputs) takes its own, so that the two programs' temporaries do not share storage.
    /// </param>
    public static BackwardProgram Differentiate(IReadOnlyList<Statement> program, IReadOnlyList<Tensor> parameters, IReadOnlyDictionary<Tensor, Tensor> seeds,
        string adjointPrefix = "d")
    {
        var differentiable = ProgramSlicer.DependentsOf(program, parameters);
        var context = new ReverseContext(
            differentiable.Contains,
            primal => primal.Storage == TensorStorage.Parameters
                ? primal with { Name = "g" + primal.Name, Display = "∂L/∂" + primal.Display, Storage = TensorStorage.Gradient }
                : primal with { Name = adjointPrefix + primal.Name, Display = "δ" + primal.Display, Storage = TensorStorage.Workspace, Offset = 0 });
        foreach (var seed in seeds) context.Define(seed.Key, seed.Value);

        for (var i = program.Count - 1; i >= 0; i--)
        {
            var statement = program[i];
            if (statement is LossStatement || statement.Outputs.Any(o => context.AdjointOf(o) is not null))
                statement.Vjp(context);
        }

        var gradients = new Dictionary<Tensor, Tensor>();
        foreach (var p in parameters)
            gradients[p] = context.AdjointOf(p) ?? throw new System.InvalidOperationException($"Parameter {p.Display} does not affect the loss.");
        return new BackwardProgram(context.Statements.ToList(), gradients);
    }
}
