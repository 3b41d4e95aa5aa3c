namespace Teleport.LinearAlgebra;

/// <summary>The outcome of an <see cref="LuDecomposition"/>.</summary>
/// <param name="Succeeded">Whether every pivot passed the singularity test and the factors are valid.</param>
/// <param name="SingularColumn">The first column whose best pivot was too small (−1 on success).</param>
/// <param name="PivotSign">+1 or −1: the sign of the row permutation (its determinant).</param>
/// <param name="PivotRatio">
/// min |U[k,k]| / max |M[i,j]| over the pivots computed: a cheap conditioning indicator (1 for the
/// identity; about 1/cond for bad matrices; compare with <see cref="LuDecomposition.SingularityTolerance{T}(int)"/>).
/// </param>
public readonly record struct LuResult(bool Succeeded, int SingularColumn, int PivotSign, double PivotRatio)
{
    /// <summary>A sentence for logs and exception messages.</summary>
    public override string ToString() => Succeeded
        ? $"LU succeeded (pivot ratio {PivotRatio:G3})"
        : SingularColumn < 0 ? "the matrix is not finite" : $"the matrix is numerically singular (column {SingularColumn}, pivot ratio {PivotRatio:G3})";
}
