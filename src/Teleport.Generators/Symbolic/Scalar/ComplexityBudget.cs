using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// The bound on the CAS's work for one derivation, so that no formula can hang the compiler: inside a
/// <see cref="Enter"/> scope the simplifier charges one unit per node it rewrites (<see cref="Charge"/>) and
/// every derivative taken is measured (<see cref="CheckSize"/>); past either bound the work stops with a
/// <see cref="FormulaTooComplexException"/>, which the derivation turns into a diagnostic (TP0017).
/// Outside a scope (the CAS's own tests, tools) nothing is bounded.
/// </summary>
/// <remarks>
/// Both bounds are counts, not times, so the outcome is the same on every machine. The cost of the
/// simplifier grows with the size of the sums and products it normalises, and the emitted code with the
/// size of σ′ … σ⁗ (the third-order members — D³L and the orbit derivatives γ‴ — differentiate σ four times): a
/// derivative over <see cref="MaxDerivativeSize"/> tree nodes (already hundreds of kilobytes of generated C#; tanh
/// nested 8 deep has a fourth derivative of 4 265, 10 deep one of 8 407) is refused before its own derivative is taken.
/// The built-ins' σ″ have under 100 nodes; the paper's networks use a few thousand units of work.
/// </remarks>
internal static class ComplexityBudget
{
    /// <summary>Simplifier node rewrites allowed for one layer's analysis, and for each program derivation step.</summary>
    public const long MaxWork = 40_000;

    /// <summary>Tree nodes (shared sub-expressions counted at each use) a derivative may have.</summary>
    public const int MaxDerivativeSize = 5_000;

    /// <summary>
    /// Tree nodes σ itself may have once built-ins are expanded: relu(relu(…(x)…)) uses its argument twice per
    /// level, gelu three times, so nesting them doubles or triples the tree at each level, and every pass that
    /// walks it (range, inverse, emission) with it. The built-ins have under 40; the paper's formulas under 100.
    /// </summary>
    public const int MaxFormulaSize = 1_000;

    /// <summary>
    /// Tree nodes the chain rule may produce before simplification: the simplifier's work grows faster than its
    /// input, so a raw derivative far past what its simplified form may be is refused before it is simplified.
    /// </summary>
    public const int MaxRawDerivativeSize = 8 * MaxDerivativeSize;

    [ThreadStatic]
    private static Scope? _current;

    /// <summary>Starts a bounded region of <paramref name="work"/> units; dispose to end it (scopes nest, the innermost counts).</summary>
    public static Scope Enter(long work = MaxWork)
    {
        var scope = new Scope(work, _current);
        _current = scope;
        return scope;
    }

    /// <summary>Spends one unit of the current scope's work; throws when it is exhausted.</summary>
    public static void Charge()
    {
        if (_current is { } scope && --scope.Remaining < 0)
        {
            throw new FormulaTooComplexException($"the simplifier needed more than {MaxWork.ToString(System.Globalization.CultureInfo.InvariantCulture)} rewrites");
        }
    }

    /// <summary>The innermost bounded region on this thread, or null.</summary>
    internal static Scope? Current => _current;

    /// <summary><paramref name="work"/> units at once (a remembered computation's, <see cref="CasMemo"/>): as many <see cref="Charge"/>s.</summary>
    internal static void Spend(long work)
    {
        if (_current is { } scope && (scope.Remaining -= work) < 0)
        {
            throw new FormulaTooComplexException($"the simplifier needed more than {MaxWork.ToString(System.Globalization.CultureInfo.InvariantCulture)} rewrites");
        }
    }

    /// <summary>Throws when a bounded region derived an expression larger than <see cref="MaxDerivativeSize"/>.</summary>
    public static Expr CheckSize(Expr derivative)
    {
        if (_current is not null && TreeSize(derivative) is var size && size > MaxDerivativeSize)
        {
            throw new FormulaTooComplexException(
                $"a derivative has {size.ToString(System.Globalization.CultureInfo.InvariantCulture)} terms, more than {MaxDerivativeSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return derivative;
    }

    /// <summary>Throws when σ, built-ins expanded, has more than <see cref="MaxFormulaSize"/> tree nodes (always checked).</summary>
    public static void CheckFormula(Expr activation)
    {
        if (TreeSize(activation) is var size && size > MaxFormulaSize)
        {
            throw new FormulaTooComplexException(
                $"it expands to {Count(size)} terms (built-ins and repeated sub-formulas counted at each use), more than {Count(MaxFormulaSize)}");
        }
    }

    /// <summary>Throws when a bounded region's chain rule produced more than <see cref="MaxRawDerivativeSize"/> tree nodes.</summary>
    public static Expr CheckRawSize(Expr tangent)
    {
        if (_current is not null && TreeSize(tangent) is var size && size > MaxRawDerivativeSize)
        {
            throw new FormulaTooComplexException(
                $"a derivative has {Count(size)} terms before simplification, more than {Count(MaxRawDerivativeSize)}");
        }

        return tangent;
    }

    private static string Count(long n) => n == long.MaxValue ? "more than 9.2·10¹⁸" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The tree size (a shared sub-expression counted at each use, as the emitted code writes it), saturating
    /// at long.MaxValue: relu(relu(…(x)…)) shares x twice per level, and its tree doubles with each.
    /// </summary>
    public static long TreeSize(Expr e)
    {
        var sizes = new System.Collections.Generic.Dictionary<Expr, long>(ReferenceComparer.Instance);
        var stack = new System.Collections.Generic.Stack<(Expr Node, bool Expanded)>();
        stack.Push((e, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (sizes.ContainsKey(node)) continue;
            if (!expanded)
            {
                stack.Push((node, true));
                foreach (var child in ExprWalker.Children(node)) stack.Push((child, false));
                continue;
            }

            long size = 1;
            foreach (var child in ExprWalker.Children(node)) size = size > long.MaxValue - sizes[child] ? long.MaxValue : size + sizes[child];
            sizes[node] = size;
        }

        return sizes[e];
    }

    /// <summary>A bounded region of CAS work.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly Scope? _outer;

        internal Scope(long work, Scope? outer)
        {
            Remaining = work;
            _outer = outer;
        }

        internal long Remaining { get; set; }

        public void Dispose() => _current = _outer;
    }
}

/// <summary>The CAS stopped at its work bound (<see cref="ComplexityBudget"/>): the formula is too complex to derive.</summary>
internal sealed class FormulaTooComplexException : Exception
{
    public FormulaTooComplexException(string reason)
        : base(reason)
    {
    }
}
