namespace Teleport.Geometry;

/// <summary>The top (largest) Hessian eigenvalue found by Lanczos, with what it achieved.</summary>
/// <param name="Eigenvalue">θ, the largest Ritz value: the largest eigenvalue of H restricted to the Krylov space (NaN when <see cref="Problem"/> is set).</param>
/// <param name="Residual">
/// ‖Hv − θv‖ for the returned unit Ritz vector v, recomputed with one more Hessian-vector product (not the
/// Lanczos estimate). For symmetric H some eigenvalue lies within this distance of θ.
/// </param>
/// <param name="RelativeResidual">
/// Residual / |θ|; NaN (undefined) when θ = 0, where no relative error exists — <paramref name="Residual"/> is then the
/// measure of accuracy (0 for all-zero weights, whose Hessian is 0). Never +∞: that would read as "diverged".
/// </param>
/// <param name="Iterations">Lanczos iterations (one Hessian-vector product each).</param>
/// <param name="Converged">
/// Whether the relative residual reached the requested tolerance, or the residual is exactly 0 (an exact eigenpair,
/// also when θ = 0).
/// </param>
/// <param name="HessianVectorProducts">Model Hessian-vector product calls, the check included.</param>
public readonly record struct EigenEstimate(double Eigenvalue, double Residual, double RelativeResidual, int Iterations, bool Converged, long HessianVectorProducts)
{
    /// <summary>
    /// Why there is no eigenvalue ("not computed: …"), or null when <see cref="Eigenvalue"/> is one: a Hessian-vector
    /// product was not finite (the weights overflow the model's precision), or the tridiagonal eigenproblem did not converge.
    /// </summary>
    public string? Problem { get; init; }

    /// <summary>The estimate when no eigenvalue could be computed after <paramref name="iterations"/> iterations, for <paramref name="problem"/>.</summary>
    public static EigenEstimate NotComputed(string problem, int iterations, long hessianVectorProducts) =>
        new(double.NaN, double.NaN, double.NaN, iterations, false, hessianVectorProducts) { Problem = problem };
}
