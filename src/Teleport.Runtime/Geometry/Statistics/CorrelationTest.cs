namespace Teleport.Geometry.Statistics;

/// <summary>A correlation coefficient with its two-sided p-value (null hypothesis: no correlation).</summary>
/// <param name="R">The coefficient in [−1, 1]; NaN when a variable is constant or there are fewer than 2 pairs.</param>
/// <param name="PValue">
/// Two-sided p from Student's t with n − 2 degrees of freedom, t = r·√((n − 2)/(1 − r²)) — exact for Pearson's r
/// under bivariate normality, the usual large-sample approximation for Spearman's ρ (SciPy's <c>pearsonr</c> and
/// <c>spearmanr</c> do the same); 0 when |r| = 1; NaN when r is NaN or n &lt; 3.
/// </param>
/// <param name="Count">The number of pairs n.</param>
public readonly record struct CorrelationTest(double R, double PValue, int Count);
