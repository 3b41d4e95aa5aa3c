namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// What the symbolic engine derives for one activation σ (in <c>x</c>): the facts that decide which
/// parameter symmetries exist (S1 identity, S2 positively homogeneous, S3/S4 strictly increasing and
/// invertible), its range, σ′, σ″ and σ⁻¹ (in <c>y</c>). Equatable, so it can sit in a cached model.
/// </summary>
/// <param name="Activation">σ, simplified.</param>
/// <param name="IsIdentity">σ(x) = x.</param>
/// <param name="IsPositivelyHomogeneous">σ(a·x) = a·σ(x) for every a &gt; 0 (structural, confirmed numerically).</param>
/// <param name="IsStrictlyIncreasing">σ′ &gt; 0 everywhere, proved by interval arithmetic, and σ continuous (no jump at a where-threshold).</param>
/// <param name="IsPiecewiseLinear">σ is linear on each piece of its where/max/min/abs structure.</param>
/// <param name="Range">An enclosure of σ(ℝ) (exact for the built-ins).</param>
/// <param name="FirstDerivative">σ′, simplified.</param>
/// <param name="SecondDerivative">σ″, simplified.</param>
/// <param name="Inverse">σ⁻¹ in <c>y</c> on σ's range, or null when σ is not invertible (or no inverse was found).</param>
internal sealed record ActivationProperties(
    Expr Activation,
    bool IsIdentity,
    bool IsPositivelyHomogeneous,
    bool IsStrictlyIncreasing,
    bool IsPiecewiseLinear,
    Interval Range,
    Expr FirstDerivative,
    Expr SecondDerivative,
    Expr? Inverse);
