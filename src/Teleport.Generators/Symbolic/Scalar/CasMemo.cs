using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Simplifications and derivatives remembered within one derivation (<see cref="Enter"/>, opened by
/// NetworkDerivation.TryDerive and closed when it returns; nothing is kept across derivations or compilations): a network
/// of 80 tanh layers simplifies and differentiates the same maps of σ, σ′ and σ″ for every layer.
/// </summary>
/// <remarks>
/// Only calls that start from nothing are remembered: a <see cref="Simplifier.Simplify"/> or
/// <see cref="Calculus.Differentiate"/> made outside any simplification, so in a fresh context, which makes its result a
/// function of its input alone. A remembered call charges the work bound what computing it charged
/// (<see cref="ComplexityBudget.Spend"/>), so the bound is reached exactly where it was, with the same message. One computed
/// outside a bound is not reused inside one (there the size checks would have applied); one that stopped at a bound is
/// not remembered.
/// </remarks>
internal static class CasMemo
{
    [ThreadStatic]
    private static Store? _store;

    /// <summary>Starts remembering on this thread; dispose to forget (regions nest, the innermost remembers).</summary>
    public static Region Enter()
    {
        var region = new Region(_store);
        _store = new Store();
        return region;
    }

    /// <summary>Simplifier.Simplify(<paramref name="e"/>) as an outermost call: remembered, or computed by <paramref name="compute"/>.</summary>
    internal static Expr Simplified(Expr e, Func<Expr, Expr> compute) =>
        _store is { } store ? Remembered(store.Simplified, e, () => compute(e)) : compute(e);

    /// <summary>Calculus.Differentiate(<paramref name="e"/>, <paramref name="variable"/>) outside a simplification: remembered, or computed.</summary>
    internal static Expr Differentiated(Expr e, string variable, Func<Expr, string, Expr> compute) =>
        _store is { } store ? Remembered(store.Differentiated, (e, variable), () => compute(e, variable)) : compute(e, variable);

    private static Expr Remembered<TKey>(Dictionary<TKey, Entry> entries, TKey key, Func<Expr> compute)
    {
        var scope = ComplexityBudget.Current;
        if (entries.TryGetValue(key, out var entry) && (entry.Bounded || scope is null))
        {
            ComplexityBudget.Spend(entry.Work);
            return entry.Result;
        }

        var before = scope?.Remaining ?? 0;
        var result = compute();
        entries[key] = new Entry(result, scope is null ? 0 : before - scope.Remaining, scope is not null);
        return result;
    }

    /// <summary>A remembered result, the work it charged the bound it was computed in, and whether it was computed in one.</summary>
    internal readonly record struct Entry(Expr Result, long Work, bool Bounded);

    internal sealed class Store
    {
        public readonly Dictionary<Expr, Entry> Simplified = new();
        public readonly Dictionary<(Expr, string), Entry> Differentiated = new();
    }

    /// <summary>A region of remembering.</summary>
    public sealed class Region : IDisposable
    {
        private readonly Store? _outer;

        internal Region(Store? outer) => _outer = outer;

        public void Dispose() => _store = _outer;
    }
}
