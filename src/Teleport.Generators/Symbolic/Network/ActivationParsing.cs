using System;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>Turns a layer's activation text into σ(x); empty text is the identity.</summary>
internal static class ActivationParsing
{
    public static Expr ParseOrIdentity(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Expr.Var("x");
        var result = ActivationLanguage.Parse(text);
        if (result.Expression is null)
            throw new InvalidOperationException($"Activation '{text}' reached derivation unparsed: {result.Error?.Message}");
        return Simplifier.Simplify(result.Expression);
    }
}
