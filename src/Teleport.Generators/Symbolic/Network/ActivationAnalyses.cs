using System.Collections.Generic;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The analyses of σ (<see cref="ActivationAnalysis.Analyze(Expr)"/>: σ simplified, σ′, σ″, σ⁻¹, the monotonicity proof,
/// the range) of one derivation, by formula: a network of 80 tanh layers analysed tanh 80 times. Held by one derivation
/// only, never across compilations.
/// </summary>
/// <remarks>
/// The analysis is a function of the formula alone: it starts from nothing but σ, each simplification in a fresh context,
/// and the work bound decides only whether it finishes, not what it gives. Each layer analyses σ in a fresh bound of the
/// same size (<see cref="NetworkDerivation.TryDerive"/>), so a σ analysed within one bound is analysed within the next.
/// </remarks>
internal sealed class ActivationAnalyses
{
    private readonly Dictionary<Expr, ActivationProperties> _properties = new();

    /// <summary>σ's properties, analysed on its first use in this derivation.</summary>
    public ActivationProperties Of(Expr sigma)
    {
        if (_properties.TryGetValue(sigma, out var known)) return known;
        var properties = ActivationAnalysis.Analyze(sigma);
        _properties[sigma] = properties;
        return properties;
    }
}
