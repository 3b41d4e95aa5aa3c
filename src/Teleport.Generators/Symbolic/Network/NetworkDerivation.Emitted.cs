using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The formulas the emitter writes as code beyond σ, σ′, σ″ and σ⁻¹ (which <see cref="Refusal"/> checks per layer before
/// the programs are derived), for TP0024 and TP0018: the symmetry kernels' operators — σ‴ and (σ⁻¹)′, (σ⁻¹)″, (σ⁻¹)‴
/// written in z, whose constants are σ's raised to the third or fifth power — and the programs' maps derived from σ,
/// whose tangent terms hold σ‴ and multiples such as 2σ″. σ + 1e307·x⁴ has σ″ = 1.2e308·x², finite, but σ‴ = +∞·x; the
/// (σ⁻¹)″ of elu(1e-155) divides by (1e-155)³ = 0. Maps the generator writes itself (sums, copies, zeros, the LSTM cell's
/// fixed sigmoid and tanh gates: <see cref="Map.Layer"/> = −1) and the loss (fixed code, no formula) hold only small
/// constants of the generator's own, so only maps traced to a layer's σ are walked.
/// </summary>
internal static partial class NetworkDerivation
{
    /// <summary>
    /// A formula the emitter writes for layer <see cref="Layer"/>: what it is (for messages), its variables when not x, and the
    /// values its one variable takes (<see cref="Inputs"/>: σ's range for σ⁻¹, every real for the others).
    /// </summary>
    private sealed record EmittedFormula(int Layer, string Name, Expr Formula, string Arguments, Interval Inputs);

    /// <summary>
    /// The symmetry kernels' operators (in x; σ⁻¹ in y), then the programs' maps traced to a layer (in their arguments a0, a1, …), each
    /// distinct formula once. σ, σ′, σ⁻¹ and σ″ among them passed <see cref="Refusal"/> already; walking them again costs a
    /// tree walk and keeps "every formula the emitter writes" true without a list of exceptions to keep in step.
    /// </summary>
    private static List<EmittedFormula> EmittedFormulas(DerivedNetwork network)
    {
        var formulas = new List<EmittedFormula>();
        var seen = new HashSet<(int, Expr)>();
        foreach (var op in network.KernelOperators)
        {
            // σ⁻¹ in y on σ's range, as the analysis derives it; the others in x, every real.
            var inverse = op.Role == LayerOperatorRole.Inverse;
            var named = op.Function.Substitute(Map.Variable(0), Expr.Var(inverse ? ActivationAnalysis.InverseVariable : ActivationLanguage.InputVariable));
            var inputs = inverse ? network.Layers.First(l => l.Index == op.Layer).Properties.Range : Interval.Real;
            if (seen.Add((op.Layer, op.Function))) formulas.Add(new EmittedFormula(op.Layer, KernelName(op.Role), named, "", inputs));
        }
        foreach (var map in network.Programs.SelectMany(p => Recurrence.Flatten(p.Statements)).OfType<Map>())
        {
            if (map.Layer >= 0 && seen.Add((map.Layer, map.Function)))
                formulas.Add(new EmittedFormula(map.Layer, MapName(map.Label), map.Function, " (in the kernel's arguments a0, a1, …)", Interval.Real));
        }
        return formulas;
    }

    private static string KernelName(LayerOperatorRole role) => role switch
    {
        LayerOperatorRole.Activation => "σ",
        LayerOperatorRole.Derivative => "σ′",
        LayerOperatorRole.Inverse => "σ⁻¹",
        LayerOperatorRole.SecondDerivative => "σ″",
        LayerOperatorRole.ThirdDerivative => "σ‴",
        LayerOperatorRole.InverseFirstDerivative => "(σ⁻¹)′(σ(x)) = 1/σ′",
        LayerOperatorRole.InverseSecondDerivative => "(σ⁻¹)″(σ(x)) = −σ″/σ′³",
        LayerOperatorRole.InverseThirdDerivative => "(σ⁻¹)‴(σ(x)) = (3σ″² − σ′σ‴)/σ′⁵",
        _ => throw new System.ArgumentOutOfRangeException(nameof(role), role, "Unknown layer operator."),
    };

    /// <summary>What a map derived from σ computes, from its label's derivative suffixes (as Emit/OperatorTable names its struct).</summary>
    private static string MapName(string label)
    {
        var open = label.IndexOf('_');
        return (open < 0 ? "" : label.Substring(open + 1)) switch
        {
            "" => "σ",
            "vjp" or "jvp" => "the gradient's kernel σ′(z)·v",
            "vjp_jvp" => "the Hessian-vector product's kernel in σ′ and σ″",
            "jvp_jvp" => "the third-order kernel in σ′ and σ″",
            "vjp_jvp_jvp" => "the third-order kernel in σ′, σ″ and σ‴",
            _ => "a kernel derived from σ",
        };
    }
}
