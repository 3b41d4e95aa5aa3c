using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// L(x) = ½·xᵀA·x with A = Q·diag(λ)·Qᵀ (Q a seeded rotation), as a model with no symmetry: ∇L = A·x, H = A. On the
/// level set L = L₀ the maximum of ‖∇L‖² = xᵀA²x is 2·λ₁·L₀, at x along the top eigenvector q₁ of A.
/// </summary>
internal sealed class QuadraticModel : ITeleportable<double>
{
    private readonly double[] parameters;
    private readonly double[] a;
    private readonly int n;

    public QuadraticModel(double[] eigenvalues, int seed)
    {
        n = eigenvalues.Length;
        Eigenvalues = eigenvalues;
        Q = Rotation(n, seed);
        a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++) a[i * n + j] += Q[i * n + k] * eigenvalues[k] * Q[j * n + k];
        var random = new Random(seed + 1);
        parameters = new double[n];
        for (int i = 0; i < n; i++) parameters[i] = 2 * random.NextDouble() - 1;
        Info = new NetworkInfo("Quadratic", 1, 1, LossKind.MeanSquaredError, [], [new ParameterTensorInfo("x", [n], 0, n)], []);
    }

    public double[] Eigenvalues { get; }

    /// <summary>Q [n×n] row-major; column k is the eigenvector of Eigenvalues[k].</summary>
    public double[] Q { get; }

    public NetworkInfo Info { get; }

    public Span<double> Parameters => parameters;

    public double Loss(ReadOnlySpan<double> inputs, Targets<double> targets)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) sum += parameters[i] * a[i * n + j] * parameters[j];
        return 0.5 * sum;
    }

    public double LossAndGradient(ReadOnlySpan<double> inputs, Targets<double> targets, Span<double> gradient)
    {
        HessianVectorProduct(inputs, targets, parameters, gradient);
        return Loss(inputs, targets);
    }

    public void HessianVectorProduct(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++) sum += a[i * n + j] * v[j];
            result[i] = sum;
        }
    }

    public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => outputs[0] = Loss(inputs, default);

    public TeleportObjectiveValue<double> TeleportObjectiveGradient(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<bool> active, Span<double> gradient, Span<double> lieAlgebraGradient) =>
        throw new NotSupportedException("The quadratic has no symmetry.");

    public bool ApplyGroupAction(int symmetry, ReadOnlySpan<double> groupElement, ReadOnlySpan<double> inputs) => false;

    public bool TransportCovector(int symmetry, ReadOnlySpan<double> groupElement, Span<double> covector, bool squared) => false;

    /// <summary>A seeded orthogonal matrix: Gram–Schmidt on uniform columns.</summary>
    private static double[] Rotation(int n, int seed)
    {
        var random = new Random(seed);
        var q = new double[n * n];
        for (int i = 0; i < q.Length; i++) q[i] = 2 * random.NextDouble() - 1;
        for (int c = 0; c < n; c++)
        {
            for (int p = 0; p < c; p++)
            {
                double dot = 0;
                for (int r = 0; r < n; r++) dot += q[r * n + c] * q[r * n + p];
                for (int r = 0; r < n; r++) q[r * n + c] -= dot * q[r * n + p];
            }

            double norm = 0;
            for (int r = 0; r < n; r++) norm += q[r * n + c] * q[r * n + c];
            for (int r = 0; r < n; r++) q[r * n + c] /= Math.Sqrt(norm);
        }

        return q;
    }
}
