using System.Collections.Generic;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Symmetry;

/// <summary>
/// The scalar functions each symmetry's orbit derivatives need beyond σ, σ′ and σ⁻¹, derived from the activation by
/// the CAS: for S4, σ″ and σ‴ (the jets of A(t) = σ(e^{tM}·Z)); for S3, the derivatives of σ⁻¹ at y = σ(z) written in
/// z by the inverse-function rule — (σ⁻¹)′ = 1/σ′, (σ⁻¹)″ = −σ″/σ′³, (σ⁻¹)‴ = (3σ″² − σ′σ‴)/σ′⁵ — so the kernel never
/// evaluates σ⁻¹ itself. S1 and S2 need none (their curves are e^{tM} on either side).
/// </summary>
internal static class OrbitOperators
{
    public static IEnumerable<LayerOperator> For(DerivedLayer layer, SymmetryKind kind)
    {
        var x = ActivationLanguage.InputVariable;
        var first = layer.Properties.FirstDerivative;
        var second = layer.Properties.SecondDerivative;
        var third = Simplifier.Simplify(Calculus.Differentiate(second, x));
        LayerOperator Make(LayerOperatorRole role, Expr f) =>
            new(role, layer.Index, Simplifier.Simplify(f.Substitute(x, Expr.Var(Map.Variable(0)))));
        switch (kind)
        {
            case SymmetryKind.LeastSquares:
                yield return Make(LayerOperatorRole.SecondDerivative, second);
                yield return Make(LayerOperatorRole.ThirdDerivative, third);
                break;
            case SymmetryKind.DataDependent:
                yield return Make(LayerOperatorRole.InverseFirstDerivative, 1.0 / first);
                yield return Make(LayerOperatorRole.InverseSecondDerivative, -second / Expr.Pow(first, 3));
                yield return Make(LayerOperatorRole.InverseThirdDerivative, (3.0 * second * second - first * third) / Expr.Pow(first, 5));
                break;
        }
    }
}
