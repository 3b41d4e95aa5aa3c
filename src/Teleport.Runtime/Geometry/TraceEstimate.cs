namespace Teleport.Geometry;

/// <summary>A Hessian trace and how it was obtained.</summary>
/// <param name="Trace">tr H of the mean loss over the samples (exact, or Hutchinson's mean).</param>
/// <param name="StandardError">Hutchinson: the sample standard deviation of zᵀHz over √(probes); 0 when exact.</param>
/// <param name="Method">How it was computed.</param>
/// <param name="Probes">Probe vectors used (Hutchinson: Rademacher probes; exact: eᵢ and first-layer probes).</param>
/// <param name="HessianVectorProducts">Model Hessian-vector product calls (single-sample calls included).</param>
public readonly record struct TraceEstimate(double Trace, double StandardError, TraceMethod Method, int Probes, long HessianVectorProducts)
{
    /// <summary>True for the exact methods.</summary>
    public bool IsExact => Method != TraceMethod.Hutchinson;
}
