namespace Teleport.Geometry;

/// <summary>How a Hessian trace was obtained.</summary>
public enum TraceMethod
{
    /// <summary>Hutchinson's estimator: the mean of zᵀHz over Rademacher probes z, with its standard error.</summary>
    Hutchinson,

    /// <summary>Exact: Σᵢ eᵢᵀHeᵢ, one Hessian-vector product per parameter on the whole sample set.</summary>
    ExactPerParameter,

    /// <summary>
    /// Exact, using the first dense layer's block structure: per sample its block is (x̃x̃ᵀ) ⊗ ∂²ℓ/∂Z₀², so k
    /// single-sample products replace k·(d + 1); every other parameter is probed with eᵢ on the whole set.
    /// </summary>
    ExactFirstLayerBlocks,
}
