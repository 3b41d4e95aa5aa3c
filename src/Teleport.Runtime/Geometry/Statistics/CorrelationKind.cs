namespace Teleport.Geometry.Statistics;

/// <summary>Which correlation coefficient.</summary>
public enum CorrelationKind
{
    /// <summary>Pearson's r: linear association.</summary>
    Pearson,

    /// <summary>Spearman's ρ: Pearson's r of the ranks (monotone association, robust to outliers).</summary>
    Spearman,
}
