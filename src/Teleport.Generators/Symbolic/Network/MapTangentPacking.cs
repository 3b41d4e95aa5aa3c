using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Splits a map's tangent Σ_j (∂f/∂a_j)·R{a_j} into sums that each read at most <see cref="Map.MaxArguments"/> tensors,
/// the most an emitted elementwise kernel takes. A tangent of a tangent (D³L's second pass over R{δZ} = σ′(Z)·R{δH} +
/// σ″(Z)·R{Z}·δH) reads up to six; its terms are grouped greedily, in order, and each group is one map contribution
/// (the first writes, the others add). A tangent that fits is one group, so first-order programs are unchanged; a
/// tangent that simplifies to zero contributes nothing (its R{·} stays zero).
/// </summary>
internal static class MapTangentPacking
{
    public static IEnumerable<Expr> Pack(IReadOnlyList<Expr> terms, IReadOnlyList<Tensor> inputs, Map map)
    {
        if (terms.Count == 0) yield break;
        var sum = Simplifier.Simplify(terms.Aggregate((a, b) => a + b));
        if (sum is Constant { Value: 0 }) yield break;
        if (Tensors(sum, inputs).Count <= Map.MaxArguments)
        {
            yield return sum;
            yield break;
        }

        Expr? group = null;
        var used = new HashSet<Tensor>();
        foreach (var summand in terms.SelectMany(t => Summands(Simplifier.Simplify(t))))
        {
            var reads = Tensors(summand, inputs);
            if (reads.Count > Map.MaxArguments)
                throw new InvalidOperationException($"A term of the tangent of {map.Describe()} reads {reads.Count} tensors; an elementwise kernel takes at most {Map.MaxArguments}.");
            if (group is not null && used.Union(reads).Count() > Map.MaxArguments)
            {
                yield return group;
                group = null;
                used.Clear();
            }
            group = group is null ? summand : group + summand;
            used.UnionWith(reads);
        }
        if (group is not null) yield return group;
    }

    /// <summary>The distinct tensors an expression in a0, a1, … reads (variables bound to the same tensor count once).</summary>
    private static HashSet<Tensor> Tensors(Expr e, IReadOnlyList<Tensor> inputs) =>
        new(e.FreeVariables.Select(v => inputs[int.Parse(v.Substring(1), System.Globalization.CultureInfo.InvariantCulture)]));

    /// <summary>The additive terms of an expression: a + b and a − b split, everything else is one term.</summary>
    private static IEnumerable<Expr> Summands(Expr e)
    {
        if (e is Binary { Operator: BinaryOperator.Add } add)
            return Summands(add.Left).Concat(Summands(add.Right));
        if (e is Binary { Operator: BinaryOperator.Subtract } subtract)
            return Summands(subtract.Left).Concat(Summands(subtract.Right).Select(t => -t));
        return e is Constant { Value: 0 } ? Enumerable.Empty<Expr>() : new[] { e };
    }
}
