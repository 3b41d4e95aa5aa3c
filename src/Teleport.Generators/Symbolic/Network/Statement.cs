using System.Collections.Generic;
using Teleport.Generators.Model;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// One statement of the derived tensor program. The op set is small and closed; each op carries its
/// own derivative rules beside it: <see cref="Vjp"/> (reverse mode: given the adjoint of the output,
/// contribute to the adjoints of the inputs) and <see cref="Jvp"/> (forward mode: given the tangents
/// of the inputs, produce the tangent of the output — Pearlmutter's R-operator).
/// </summary>
internal abstract record Statement
{
    /// <summary>The tensor written (null only for a loss that keeps nothing).</summary>
    public abstract Tensor? Output { get; }

    /// <summary>Every tensor written: <see cref="Output"/>, or several for a loop (<see cref="Recurrence"/>).</summary>
    public virtual IEnumerable<Tensor> Outputs => Output is null ? System.Array.Empty<Tensor>() : new[] { Output };

    /// <summary>Every tensor read.</summary>
    public abstract IEnumerable<Tensor> Inputs { get; }

    /// <summary>True when the statement adds to its output instead of overwriting it.</summary>
    public virtual bool Accumulate => false;

    /// <summary>The same statement adding into its output, or null if the op cannot accumulate.</summary>
    public virtual Statement? AsAccumulating() => null;

    /// <summary>Reverse-mode rule: contribute ∂L/∂input for each differentiable input.</summary>
    public abstract void Vjp(ReverseContext context);

    /// <summary>Forward-mode rule: write R{output} from the tangents of the inputs.</summary>
    public abstract void Jvp(TangentContext context);

    /// <summary>The formula this statement computes, in the paper's notation (for comments).</summary>
    public abstract string Describe();

    /// <summary>Writes or adds, for descriptions: "=" or "+=".</summary>
    protected string Assign => Accumulate ? "+=" : "=";
}

/// <summary>A straight-line tensor program: statements in execution order.</summary>
internal sealed record TensorProgram(EquatableArray<Statement> Statements);
