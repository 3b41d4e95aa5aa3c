namespace Teleport.LinearAlgebra;

/// <summary>The outcome of a <see cref="Cholesky"/> factorization.</summary>
/// <param name="Succeeded">Whether M + λI was numerically positive definite and the factor is valid.</param>
/// <param name="FailedColumn">The first column whose pivot was not positive enough (−1 on success).</param>
/// <param name="Ridge">The λ added to the diagonal (see <see cref="CholeskyRidge"/>).</param>
public readonly record struct CholeskyResult(bool Succeeded, int FailedColumn, double Ridge)
{
    internal static CholeskyResult Success(double ridge) => new(true, -1, ridge);

    internal static CholeskyResult Failure(int column, double ridge) => new(false, column, ridge);

    /// <summary>A sentence for logs and exception messages.</summary>
    public override string ToString() => Succeeded
        ? $"Cholesky succeeded (ridge {Ridge:G3})"
        : $"the matrix is not positive definite (pivot {FailedColumn} failed, ridge {Ridge:G3})";
}
