using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>Traversals over the expression DAG: children, distinct nodes, size, bottom-up rewriting.</summary>
internal static class ExprWalker
{
    /// <summary>The direct sub-expressions, condition operands first for a <see cref="Conditional"/>.</summary>
    public static IEnumerable<Expr> Children(Expr e)
    {
        switch (e)
        {
            case Unary u:
                yield return u.Operand;
                break;
            case Binary b:
                yield return b.Left;
                yield return b.Right;
                break;
            case Conditional c:
                yield return c.Condition.Left;
                yield return c.Condition.Right;
                yield return c.WhenTrue;
                yield return c.WhenFalse;
                break;
        }
    }

    /// <summary>Every node, each shared instance once, parents before children.</summary>
    public static IEnumerable<Expr> Nodes(Expr root)
    {
        var seen = new HashSet<Expr>(ReferenceComparer.Instance);
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            yield return e;
            foreach (var child in Children(e))
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>The number of nodes of the tree (a shared sub-expression counts at each use).</summary>
    public static int TreeSize(Expr e)
    {
        var sizes = new Dictionary<Expr, int>(ReferenceComparer.Instance);
        return Size(e, sizes);
    }

    private static int Size(Expr e, Dictionary<Expr, int> sizes)
    {
        if (sizes.TryGetValue(e, out var known))
        {
            return known;
        }

        var size = 1;
        foreach (var child in Children(e))
        {
            size += Size(child, sizes);
        }

        sizes[e] = size;
        return size;
    }

    /// <summary>
    /// Rebuilds the expression bottom-up: children first, then <paramref name="rule"/> on the node with its
    /// rewritten children. Shared sub-expressions are rewritten once.
    /// </summary>
    public static Expr Rewrite(Expr e, Func<Expr, Expr> rule)
    {
        var memo = new Dictionary<Expr, Expr>(ReferenceComparer.Instance);
        return Rewrite(e, rule, memo);
    }

    private static Expr Rewrite(Expr e, Func<Expr, Expr> rule, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(e, out var done))
        {
            return done;
        }

        var rebuilt = WithChildren(e, child => Rewrite(child, rule, memo));
        var result = rule(rebuilt);
        memo[e] = result;
        return result;
    }

    /// <summary>The node with each child mapped; the same instance when no child changed.</summary>
    public static Expr WithChildren(Expr e, Func<Expr, Expr> map)
    {
        switch (e)
        {
            case Unary u:
            {
                var operand = map(u.Operand);
                return ReferenceEquals(operand, u.Operand) ? e : new Unary(u.Operator, operand);
            }

            case Binary b:
            {
                var left = map(b.Left);
                var right = map(b.Right);
                return ReferenceEquals(left, b.Left) && ReferenceEquals(right, b.Right)
                    ? e
                    : new Binary(b.Operator, left, right);
            }

            case Conditional c:
            {
                var l = map(c.Condition.Left);
                var r = map(c.Condition.Right);
                var t = map(c.WhenTrue);
                var f = map(c.WhenFalse);
                if (ReferenceEquals(l, c.Condition.Left) && ReferenceEquals(r, c.Condition.Right)
                    && ReferenceEquals(t, c.WhenTrue) && ReferenceEquals(f, c.WhenFalse))
                {
                    return e;
                }

                return new Conditional(new Comparison(c.Condition.Operator, l, r), t, f);
            }

            default:
                return e;
        }
    }
}

/// <summary>Reference identity for memo tables over the DAG.</summary>
internal sealed class ReferenceComparer : IEqualityComparer<Expr>
{
    public static readonly ReferenceComparer Instance = new();

    public bool Equals(Expr? x, Expr? y) => ReferenceEquals(x, y);

    public int GetHashCode(Expr obj) => RuntimeHelpers.GetHashCode(obj);
}
