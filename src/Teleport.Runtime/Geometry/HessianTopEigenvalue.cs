using System;
using System.Threading;
using System.Globalization;
using System.Numerics;
using Teleport.Data;

namespace Teleport.Geometry;

/// <summary>
/// The largest eigenvalue of the Hessian of the mean loss and its eigenvector, by the Lanczos method with full
/// reorthogonalisation, through the model's exact Hessian-vector product. Stops when the Lanczos residual
/// estimate β_j·|y_j| ≤ tol·|θ|, then recomputes the true residual ‖Hv − θv‖ and reports it.
/// Allocation-free after the first call that reaches a given iteration count.
/// </summary>
/// <remarks>
/// Lanczos: q₀ a seeded Gaussian unit vector; w = Hq_j − α_j q_j − β_{j−1}q_{j−1} with α_j = q_jᵀHq_j, then w is
/// orthogonalised twice against every earlier q (full reorthogonalisation: no ghost eigenvalues), β_j = ‖w‖,
/// q_{j+1} = w/β_j. The eigenpairs (θ, y) of the tridiagonal T_j = tridiag(β, α, β) give Ritz pairs (θ, Qy) with
/// ‖H·Qy − θ·Qy‖ = β_j·|y_j| in exact arithmetic. The returned eigenvector (<see cref="Eigenvector"/>) is what a
/// top-eigenvalue teleport objective needs: ∂λ/∂θ = vᵀ(∂H/∂θ)v for a simple eigenvalue (issue 9, phase 2).
/// <para>Two outcomes are labelled (<see cref="EigenEstimate.Problem"/>) rather than thrown, since both are facts
/// about the weights measured, not misuse: a Hessian-vector product that is not finite (weights so large the model's
/// precision overflows — e.g. after a long teleport along S2, whose scaling multiplies Hessian blocks by g²: a NaN in
/// α_j would otherwise reach T_j and make QL fail), and QL not converging on T_j.</para>
/// </remarks>
public sealed class HessianTopEigenvalue<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ChunkedObjective<T> _objective;
    private readonly T[]?[] _basis;
    private readonly T[] _product;
    private readonly T[] _eigenvector;
    private readonly double[] _w;
    private readonly double[] _ritz;
    private readonly double[] _alpha, _beta, _diagonal, _offDiagonal, _vectors;
    private readonly SeededRandom _random = new(0);

    /// <summary>Measures <paramref name="model"/> at its current parameters with at most <paramref name="maxIterations"/> Lanczos steps.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> or <paramref name="maxIterations"/> is below 1, or
    /// min(<paramref name="maxIterations"/>, parameter count)² is more than an array holds (the Lanczos tridiagonal's eigenvectors).</exception>
    public HessianTopEigenvalue(IDifferentiableModel<T> model, int maxIterations = 100, int chunkSize = 1000)
    {
        _objective = new ChunkedObjective<T>(model, chunkSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        var p = model.Info.ParameterCount;
        MaxIterations = Math.Min(maxIterations, p);
        // The tridiagonal's eigenvectors are one m×m array (m = MaxIterations), so m² must fit an array.
        if ((long)MaxIterations * MaxIterations > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, string.Create(CultureInfo.InvariantCulture,
                $"{MaxIterations} Lanczos iterations need a {MaxIterations}² matrix, more than an array holds; at most {(int)Math.Sqrt(Array.MaxLength)} (fewer iterations or a smaller model)."));
        _basis = new T[]?[MaxIterations];
        _product = new T[p];
        _eigenvector = new T[p];
        _w = new double[p];
        _ritz = new double[p];
        _alpha = new double[MaxIterations];
        _beta = new double[MaxIterations];
        _diagonal = new double[MaxIterations];
        _offDiagonal = new double[MaxIterations];
        _vectors = new double[MaxIterations * MaxIterations];
    }

    /// <summary>The most Lanczos iterations (at most the parameter count).</summary>
    public int MaxIterations { get; }

    /// <summary>The unit Ritz vector of the last <see cref="Compute"/> (zero before).</summary>
    public ReadOnlySpan<T> Eigenvector => _eigenvector;

    /// <summary>
    /// The largest eigenvalue of H on the samples, to <paramref name="relativeTolerance"/> in the relative residual
    /// ‖Hv − θv‖/|θ| (as far as the model's precision allows: the estimate reports what was achieved).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled between two Lanczos iterations.</exception>
    public EigenEstimate Compute(ReadOnlySpan<T> inputs, Targets<T> targets, double relativeTolerance = 1e-3, long seed = 0, CancellationToken cancellation = default)
    {
        if (!(relativeTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "The tolerance must be > 0.");
        var n = _objective.Samples(inputs, targets);
        var calls = (n + _objective.ChunkSize - 1) / _objective.ChunkSize;
        var p = _w.Length;

        _random.Reset(seed, 0);
        for (var i = 0; i < p; i++) _w[i] = _random.Normal();
        StoreNormalized(0, Norm(_w));

        var iterations = 0;
        double theta = 0;
        var ritzColumn = 0;
        for (var j = 0; j < MaxIterations; j++)
        {
            cancellation.ThrowIfCancellationRequested();
            var q = _basis[j]!;
            _objective.HessianVectorProduct(inputs, targets, q, _product);
            iterations = j + 1;
            if (!Widen(_product, _w)) return NotFinite(iterations, calls);
            var alpha = Dot(q, _w);
            _alpha[j] = alpha;
            Subtract(_w, alpha, q);
            if (j > 0) Subtract(_w, _beta[j - 1], _basis[j - 1]!);
            // Full reorthogonalisation, twice ("twice is enough", Kahan–Parlett).
            for (var pass = 0; pass < 2; pass++)
                for (var i = 0; i <= j; i++) Subtract(_w, Dot(_basis[i]!, _w), _basis[i]!);
            var beta = Norm(_w);
            _beta[j] = beta;

            if (!TryLargestRitzPair(j + 1, out theta, out ritzColumn))
                return EigenEstimate.NotComputed(string.Create(CultureInfo.InvariantCulture,
                    $"not computed: the Lanczos tridiagonal eigenproblem did not converge (QL, iteration {j + 1})"), iterations, (long)iterations * calls);
            var estimate = beta * Math.Abs(_vectors[j * (j + 1) + ritzColumn]);
            if (estimate <= relativeTolerance * Math.Abs(theta) || beta == 0 || j + 1 == MaxIterations) break;
            StoreNormalized(j + 1, beta);
        }

        // The Ritz vector v = Σ_i y_i q_i, normalised, and its true residual.
        var m = iterations;
        Array.Clear(_ritz);
        for (var i = 0; i < m; i++)
        {
            var y = _vectors[i * m + ritzColumn];
            var qi = _basis[i]!;
            for (var k = 0; k < p; k++) _ritz[k] += y * double.CreateTruncating(qi[k]);
        }
        var norm = Norm(_ritz);
        for (var k = 0; k < p; k++) _eigenvector[k] = T.CreateTruncating(_ritz[k] / norm);
        _objective.HessianVectorProduct(inputs, targets, _eigenvector, _product);
        if (!Widen(_product, _w)) return NotFinite(iterations + 1, calls);
        // r = Hv − θv in _w, and ‖r‖/‖v‖ with both norms scaled (Hv may be beyond √(double's range)).
        for (var k = 0; k < p; k++)
        {
            var v = double.CreateTruncating(_eigenvector[k]);
            _w[k] -= theta * v;
            _ritz[k] = v;
        }
        var residual = Norm(_w) / Norm(_ritz);
        // ‖r‖/|θ| has no value at θ = 0 (all-zero weights give H = 0, θ = 0, ‖r‖ = 0): NaN, written as undefined, with the
        // absolute residual standing for the accuracy; an exact eigenpair (‖r‖ = 0) has converged whatever θ is.
        var relative = theta == 0 ? double.NaN : residual / Math.Abs(theta);
        return new EigenEstimate(theta, residual, relative, iterations, residual == 0 || relative <= relativeTolerance, (long)(iterations + 1) * calls);
    }

    /// <summary>The label of a Hessian-vector product with a NaN or ±∞ entry, after <paramref name="products"/> products.</summary>
    private static EigenEstimate NotFinite(int products, int calls) => EigenEstimate.NotComputed(
        "not computed: the Hessian-vector product is not finite at these weights (they overflow the model's floating-point range)", products, (long)products * calls);

    /// <summary>Hv in double into <paramref name="w"/>; false when an entry is NaN or ±∞.</summary>
    private static bool Widen(ReadOnlySpan<T> product, Span<double> w)
    {
        var finite = true;
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = double.CreateTruncating(product[i]);
            finite &= double.IsFinite(w[i]);
        }
        return finite;
    }

    /// <summary>Decomposes T_m (m×m) into its largest eigenvalue and that eigenvector's column in <c>_vectors</c>; false when QL did not converge.</summary>
    private bool TryLargestRitzPair(int m, out double theta, out int column)
    {
        _alpha.AsSpan(0, m).CopyTo(_diagonal);
        _beta.AsSpan(0, m).CopyTo(_offDiagonal);
        column = 0;
        theta = double.NaN;
        if (!SymmetricTridiagonal.Decompose(_diagonal, _offDiagonal, _vectors, m)) return false;
        for (var i = 1; i < m; i++)
            if (_diagonal[i] > _diagonal[column]) column = i;
        theta = _diagonal[column];
        return true;
    }

    /// <summary>q_j = w / scale, stored in the model's precision.</summary>
    private void StoreNormalized(int j, double scale)
    {
        var q = _basis[j] ??= new T[_w.Length];
        for (var i = 0; i < q.Length; i++) q[i] = T.CreateTruncating(_w[i] / scale);
    }

    private static double Dot(ReadOnlySpan<T> q, ReadOnlySpan<double> w)
    {
        double sum = 0;
        for (var i = 0; i < w.Length; i++) sum += double.CreateTruncating(q[i]) * w[i];
        return sum;
    }

    private static void Subtract(Span<double> w, double coefficient, ReadOnlySpan<T> q)
    {
        for (var i = 0; i < w.Length; i++) w[i] -= coefficient * double.CreateTruncating(q[i]);
    }

    /// <summary>
    /// ‖w‖₂: the plain Σ wᵢ² where it is well inside double's range, so every figure there keeps its bits; else the norm
    /// scaled by the largest |wᵢ| (<see cref="Teleportation.LayerAlgebra.ScaledNorm{T}"/>). A Hessian-vector product beyond
    /// √(double's range) (≈ 1e154) made β_j = ∞, the next Lanczos vector w/∞ = 0, and the estimate was lost (its
    /// tridiagonal NaN); squares that underflow lose their digits the same way at the other end.
    /// </summary>
    private static double Norm(ReadOnlySpan<double> w)
    {
        double sum = 0;
        foreach (var value in w) sum += value * value;
        return double.IsFinite(sum) && sum > 1e-280 ? Math.Sqrt(sum) : Teleportation.LayerAlgebra.ScaledNorm(w);
    }
}
