using System;
using System.Numerics;

namespace Teleport.Geometry;

/// <summary>
/// Where ψ, the paper's orbit-curvature metric (Zhao et al. 2024, Eq. 5: the mean curvature
/// κ = √(‖γ′‖²‖γ″‖² − ⟨γ′, γ″⟩²)/‖γ′‖³ of orbit curves γ(t) = exp(tM)·w over random normalised generators M),
/// plugs into <see cref="GeometryMeasures{T}"/>. <see cref="OrbitCurvature{T}"/> implements it from the generated
/// orbit derivatives (<see cref="Teleportation.IOrbitDerivatives{T}"/>); a model without them reports ψ as null
/// with <see cref="GeometryMeasures{T}.CurvatureNote"/>.
/// </summary>
public interface IOrbitCurvatureMeasure<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A short name for records (e.g. "psi_s3_paper").</summary>
    string Name { get; }

    /// <summary>ψ at the model's current parameters on <paramref name="inputs"/> ([n, InputSize]), deterministic per <paramref name="seed"/>.</summary>
    double Measure(ReadOnlySpan<T> inputs, long seed);

    /// <summary>κ of curve <paramref name="curve"/> (its generator drawn from <paramref name="seed"/> and the curve index) on one batch; NaN when the model refuses.</summary>
    double Kappa(ReadOnlySpan<T> batch, long seed, int curve);
}
