namespace Teleport.Geometry;

/// <summary>The top (largest) Hessian eigenvalue found by Lanczos, with what it achieved.</summary>
/// <param name="Eigenvalue">θ, the largest Ritz value: the largest eigenvalue of H restricted to the Krylov space.</param>
/// <param name="Residual">
/// ‖Hv − θv‖ for the returned unit Ritz vector v, recomputed with one more Hessian-vector product (not the
/// Lanczos estimate). For symmetric H some eigenvalue lies within this distance of θ.
/// </param>
/// <param name="RelativeResidual">Residual / |θ|.</param>
/// <param name="Iterations">Lanczos iterations (one Hessian-vector product each).</param>
/// <param name="Converged">Whether the relative residual reached the requested tolerance.</param>
/// <param name="HessianVectorProducts">Model Hessian-vector product calls, the check included.</param>
public readonly record struct EigenEstimate(double Eigenvalue, double Residual, double RelativeResidual, int Iterations, bool Converged, long HessianVectorProducts);
