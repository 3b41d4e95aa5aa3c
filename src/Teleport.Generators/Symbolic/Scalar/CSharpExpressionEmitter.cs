using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Emits C# for an expression in float or double, scalar or Vector128/256/512. Subexpressions used more than
/// once become <c>var</c> locals (CSE over the DAG, structural equality); functions the target lacks are
/// lowered with care for accuracy: sigmoid = 1/(1 + e⁻ᵘ); expm1 and log1p by the Kahan/Goldberg correction
/// for |u| &lt; 0.5; vector tanh = sign(u)·(−m)/(2 + m) with m = expm1(−2|u|); vector atanh = ½(log1p(u) − log1p(−u));
/// integer powers by repeated squaring, half-integer powers with a square root.
/// </summary>
internal static class CSharpExpressionEmitter
{
    /// <param name="e">The expression (emitted as given: simplify it first).</param>
    /// <param name="type">float or double.</param>
    /// <param name="width">Scalar, or the vector width.</param>
    /// <param name="variable">The C# expression for each variable, of the emitted type.</param>
    /// <param name="localPrefix">Prefix of the locals (<c>t0</c>, <c>t1</c>, …); make it unique per scope.</param>
    public static EmittedExpression Emit(Expr e, NumericType type, VectorWidth width, Func<string, string> variable, string localPrefix = "t") =>
        new EmitterSession(CSharpDialect.For(type, width), variable, localPrefix).Run(e);
}
