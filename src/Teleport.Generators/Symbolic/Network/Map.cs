using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Result = f(a0, a1, …) elementwise, where f is a scalar expression of the activation CAS in the
/// variables a0…a(k−1) bound to <see cref="Arguments"/> (all of Result's shape). Its rules come from
/// the CAS: VJP δa_j += (∂f/∂a_j)·δResult, JVP R{Result} = Σ_j (∂f/∂a_j)·R{a_j} — each itself a Map.
/// <see cref="Layer"/> is the layer whose σ the map applies, or whose σ's map it derives from (−1 for the generator's own
/// maps: sums, copies, zeros, the LSTM cell), so a derived formula the emitter writes can be traced to its σ (TP0024).
/// </summary>
internal sealed record Map(Tensor Result, Expr Function, EquatableArray<Tensor> Arguments, string Label, int Layer = -1) : Statement
{
    /// <summary>The emitted kernels take at most this many input spans.</summary>
    public const int MaxArguments = 4;

    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => Arguments;

    /// <summary>Variable name of argument <paramref name="index"/>.</summary>
    public static string Variable(int index) => "a" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Builds a canonical Map: simplifies f, drops arguments f does not use, merges repeated
    /// tensors, and renumbers the variables a0, a1, … in argument order.
    /// </summary>
    public static Map Create(Tensor result, Expr function, IReadOnlyList<Tensor> arguments, string label, int layer = -1)
    {
        var f = Simplifier.Simplify(function);
        var used = new HashSet<string>(f.FreeVariables);
        var kept = new List<Tensor>();
        var renames = new List<(string From, string To)>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var from = Variable(i);
            if (!used.Contains(from)) continue;
            var existing = kept.IndexOf(arguments[i]);
            if (existing < 0)
            {
                existing = kept.Count;
                kept.Add(arguments[i]);
            }
            renames.Add((from, Variable(existing)));
        }
        // Rename through fresh names first so a0→a1 and a1→a0 cannot collide.
        foreach (var (from, _) in renames) f = f.Substitute(from, Expr.Var("_" + from));
        foreach (var (from, to) in renames) f = f.Substitute("_" + from, Expr.Var(to));
        return new Map(result, f, kept.ToEquatableArray(), label, layer);
    }

    public override void Vjp(ReverseContext context)
    {
        var adjoint = context.AdjointOf(Result);
        if (adjoint is null) return;
        var g = Expr.Var(Variable(Arguments.Count));
        for (var j = 0; j < Arguments.Count; j++)
        {
            var argument = Arguments[j];
            if (!context.Needs(argument)) continue;
            var partial = Calculus.Differentiate(Function, Variable(j));
            if (Simplifier.Simplify(partial).Equals(Expr.One))
            {
                // ∂f/∂a_j = 1 (a sum): δa_j is δResult itself, no copy.
                context.ContributeIdentity(argument, adjoint);
                continue;
            }
            var inputs = Arguments.Concat(new[] { adjoint }).ToList();
            context.Contribute(argument, target => Create(target, partial * g, inputs, Label + "_vjp", Layer));
        }
    }

    public override void Jvp(TangentContext context)
    {
        var inputs = Arguments.ToList();
        var terms = new List<Expr>();
        for (var j = 0; j < Arguments.Count; j++)
        {
            var tangent = context.TangentOf(Arguments[j]);
            if (tangent is null) continue;
            terms.Add(Calculus.Differentiate(Function, Variable(j)) * Expr.Var(Variable(inputs.Count)));
            inputs.Add(tangent);
        }
        var groups = MapTangentPacking.Pack(terms, inputs, this).ToList();
        if (groups.Count == 0) return;
        if (Arguments.Contains(Result) && context.TangentOf(Result) is { } own)
        {
            // An update in place (δc = δc + δc′): its tangent is updated in place too, R{δc} = R{δc} + R{δc′}.
            if (groups.Count > 1)
                throw new System.InvalidOperationException($"The tangent of the in-place update {Describe()} reads more tensors than one elementwise kernel takes.");
            context.Add(Create(own, groups[0], inputs, Label + "_jvp", Layer));
            return;
        }
        foreach (var group in groups)
            context.Contribute(Result, target => Create(target, group, inputs, Label + "_jvp", Layer));
    }

    public override string Describe()
    {
        var f = Function;
        for (var i = 0; i < Arguments.Count; i++) f = f.Substitute(Variable(i), Expr.Var("_" + i));
        for (var i = 0; i < Arguments.Count; i++) f = f.Substitute("_" + i, Expr.Var(Arguments[i].Display));
        return $"{Result.Display} {Assign} {MathText.Format(f)}   (elementwise)";
    }
}
