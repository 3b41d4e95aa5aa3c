using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// The normal forms (<see cref="SumForm.Of"/>, <see cref="ProductForm.Of"/>) remembered within one outermost
/// <see cref="Simplify"/> call. A sum's form takes each term's product form and a product's form each sum factor's sum
/// form, at every node of a chain, so one simplification asks for the same form again and again: σ″ of tanh nested 40
/// deep asked 1.65 million times for 5 276 distinct forms and spent 3 s there before TP0017 refused it (σ″ too large).
/// </summary>
/// <remarks>
/// A remembered form is exactly what computing it again would give, at no work charged: computing it charged the work
/// bound only for the nested <see cref="Simplify"/> calls it made, and each of those left its result in the context,
/// so computing it again would find them all there, charge nothing and read the same results. Two things break that,
/// and neither is remembered: a form whose computation met a node in progress (left as it is, which another time
/// may not be), and a result the context replaced (<see cref="Context.Remember"/>), which forgets every form so far.
/// Callers may change the form they get (its lists are theirs): each call returns a copy.
/// </remarks>
internal static partial class Simplifier
{
    /// <summary>Normal forms computed on this thread (not read from a context): a count, not a time, of the simplifier's work.</summary>
    [ThreadStatic]
    internal static long FormsComputed;

    /// <summary>For the tests that compare the simplifier with and without the forms remembered: true computes each form again.</summary>
    [ThreadStatic]
    internal static bool FormsForgotten;

    /// <summary>The form of <paramref name="e"/> computed by <paramref name="compute"/>, or a copy of the one remembered.</summary>
    internal static T Form<T>(Expr e, Func<Expr, T> compute, Func<T, T> copy, Func<Context, Dictionary<Expr, T>> forms)
    {
        if (_context is not { } context || FormsForgotten)
        {
            FormsComputed++;
            return compute(e);
        }

        var known = forms(context);
        if (known.TryGetValue(e, out var form)) return copy(form);
        var (inProgress, replaced) = (context.InProgressMet, context.Replaced);
        FormsComputed++;
        var computed = compute(e);
        if (context.InProgressMet == inProgress && context.Replaced == replaced) known[e] = copy(computed);
        return computed;
    }

    /// <summary>The per-call state of <see cref="Simplify"/>: results, the nodes in progress and the forms remembered.</summary>
    internal sealed class Context
    {
        public readonly Dictionary<Expr, Expr> Results = new();
        public readonly HashSet<Expr> InProgress = new();
        public readonly Dictionary<Expr, SumForm> Sums = new();
        public readonly Dictionary<Expr, ProductForm> Products = new();

        /// <summary>How many times a node was asked for while in progress (and left as it was).</summary>
        public long InProgressMet;

        /// <summary>How many times a result was replaced by a different one.</summary>
        public long Replaced;

        /// <summary>Results[<paramref name="e"/>] = <paramref name="result"/>; replacing a different result forgets the forms.</summary>
        public void Remember(Expr e, Expr result)
        {
            if (Results.TryGetValue(e, out var old) && !ReferenceEquals(old, result) && !old.Equals(result))
            {
                Replaced++;
                Sums.Clear();
                Products.Clear();
            }

            Results[e] = result;
        }
    }
}
