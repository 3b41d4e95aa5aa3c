using System;
using System.Collections.Generic;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Shared bookkeeping of the two differentiation modes: each primal tensor has at most one derived
/// tensor (its adjoint, or its tangent), and a derived tensor receives one or more contributions.
/// The first contribution writes, later ones add (MatMul and ColumnSums add in place; other ops go
/// through a temporary and an elementwise sum). A derived tensor may also alias another one when
/// the rule is the identity (e.g. δM = δZ through Z = M + 1bᵀ), which costs nothing.
/// </summary>
internal abstract partial class DerivativeContext
{
    private readonly Dictionary<Tensor, Tensor> _derived = new();
    private readonly HashSet<Tensor> _written = new();
    private readonly List<Statement> _statements = new();
    private int _temporaries;

    /// <summary>The statements derived so far, in execution order.</summary>
    public IReadOnlyList<Statement> Statements => _statements;

    /// <summary>Every primal that has a derived tensor (seeds included), with that tensor.</summary>
    public IReadOnlyDictionary<Tensor, Tensor> Derived => _derived;

    /// <summary>Creates the derived tensor of a primal (its storage and name); called once per primal.</summary>
    protected abstract Tensor CreateDerived(Tensor primal);

    /// <summary>The derived tensor of <paramref name="primal"/> if one exists yet.</summary>
    protected Tensor? Existing(Tensor primal) => _derived.TryGetValue(primal, out var d) ? d : null;

    /// <summary>Registers a derived tensor explicitly (e.g. seeds).</summary>
    public void Define(Tensor primal, Tensor derived)
    {
        _derived[primal] = derived;
        _written.Add(derived);
    }

    /// <summary>The derived tensor of <paramref name="primal"/>, creating it on first use.</summary>
    protected Tensor DerivedOf(Tensor primal)
    {
        if (!_derived.TryGetValue(primal, out var d))
        {
            d = CreateDerived(primal);
            _derived[primal] = d;
        }
        return d;
    }

    /// <summary>Adds <c>make(target)</c> as a contribution to the derived tensor of <paramref name="primal"/>.</summary>
    public void Contribute(Tensor primal, Func<Tensor, Statement> make)
    {
        var target = DerivedOf(primal);
        if (!_written.Contains(target))
        {
            _statements.Add(make(target));
            _written.Add(target);
            return;
        }
        var accumulating = make(target).AsAccumulating();
        if (accumulating is not null)
        {
            _statements.Add(accumulating);
            return;
        }
        var temporary = target with { Name = target.Name + "_t" + _temporaries, Display = target.Display + "′" + _temporaries, Storage = TensorStorage.Workspace, Offset = 0 };
        _temporaries++;
        _statements.Add(make(temporary));
        var sum = Expr.Var("a0") + Expr.Var("a1");
        _statements.Add(Map.Create(target, sum, new[] { target, temporary }, "sum"));
    }

    /// <summary>
    /// The identity contribution: the derived tensor of <paramref name="primal"/> is
    /// <paramref name="value"/>. Aliases when nothing was contributed yet, else adds it.
    /// </summary>
    public void ContributeIdentity(Tensor primal, Tensor value)
    {
        var existing = Existing(primal);
        if (existing is not null && !_written.Contains(existing))
        {
            // Bound ahead (a loop's state) but not written yet: this is its first value.
            _statements.Add(Map.Create(existing, Expr.Var("a0"), new[] { value }, "copy"));
            _written.Add(existing);
            return;
        }
        if (existing is null)
        {
            _derived[primal] = value;
            _written.Add(value);
            return;
        }
        _statements.Add(Map.Create(existing, Expr.Var("a0") + Expr.Var("a1"), new[] { existing, value }, "sum"));
    }

    /// <summary>Appends a statement that is not a contribution (rare: used by drivers).</summary>
    public void Add(Statement statement) => _statements.Add(statement);
}

/// <summary>Reverse mode: derived tensors are adjoints δT = ∂L/∂T.</summary>
internal sealed class ReverseContext : DerivativeContext
{
    private readonly Func<Tensor, bool> _needsAdjoint;
    private readonly Func<Tensor, Tensor> _create;

    public ReverseContext(Func<Tensor, bool> needsAdjoint, Func<Tensor, Tensor> create)
    {
        _needsAdjoint = needsAdjoint;
        _create = create;
    }

    /// <summary>True when ∂L/∂<paramref name="primal"/> is wanted (it depends on parameters).</summary>
    public bool Needs(Tensor primal) => _needsAdjoint(primal);

    /// <summary>The adjoint of a tensor that already received its contributions (a statement's output).</summary>
    public Tensor? AdjointOf(Tensor primal) => Existing(primal);

    protected override Tensor CreateDerived(Tensor primal) => _create(primal);
}

/// <summary>Forward mode: derived tensors are tangents R{T} (directional derivatives along v).</summary>
internal sealed class TangentContext : DerivativeContext
{
    private readonly Func<Tensor, Tensor> _create;

    public TangentContext(Func<Tensor, Tensor> create) => _create = create;

    /// <summary>R{<paramref name="primal"/>}, or null when it is identically zero.</summary>
    public Tensor? TangentOf(Tensor primal) => Existing(primal);

    protected override Tensor CreateDerived(Tensor primal) => _create(primal);
}
