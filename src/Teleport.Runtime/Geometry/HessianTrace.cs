using System;
using System.Threading;
using System.Numerics;
using Teleport.Data;

namespace Teleport.Geometry;

/// <summary>
/// The trace of the Hessian of the mean loss, through the model's exact Hessian-vector product: Hutchinson's
/// estimator with Rademacher probes (and its standard error), or exactly (<see cref="Exact"/>).
/// Allocation-free after the first call at a given sample count.
/// </summary>
/// <remarks>
/// Hutchinson: E[zᵀHz] = tr H for z with independent ±1 entries; m probes give the mean
/// t̂ = (1/m)Σ zₖᵀHzₖ with standard error s/√m (s the sample standard deviation), and Var(zᵀHz) = 2Σ_{i≠j} H_ij².
/// Probe k is reproducible on its own (<see cref="RademacherProbe"/>): a trace objective's gradient
/// (issue 9, phase 2) can regenerate exactly the probes its value used.
/// </remarks>
public sealed partial class HessianTrace<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ChunkedObjective<T> _objective;
    private readonly T[] _probe;
    private readonly T[] _product;
    private readonly double[] _tensorTraces;
    private readonly SeededRandom _random = new(0);

    /// <summary>Measures <paramref name="model"/> at its current parameters, calling it on at most <paramref name="chunkSize"/> samples at a time.</summary>
    public HessianTrace(IDifferentiableModel<T> model, int chunkSize = 1000)
    {
        _objective = new ChunkedObjective<T>(model, chunkSize);
        _probe = new T[model.Info.ParameterCount];
        _product = new T[model.Info.ParameterCount];
        _tensorTraces = new double[model.Info.Tensors.Count];
    }

    /// <summary>The model measured.</summary>
    public IDifferentiableModel<T> Model => _objective.Model;

    /// <summary>
    /// After <see cref="Exact"/>: the trace of each parameter tensor's diagonal block, in the order of
    /// <see cref="NetworkInfo.Tensors"/> (they sum to the trace). Zero before.
    /// </summary>
    public ReadOnlySpan<double> TensorTraces => _tensorTraces;

    /// <summary>
    /// Hutchinson's estimate from <paramref name="probes"/> (≥ 2) Rademacher probes of <paramref name="seed"/>:
    /// the mean of zₖᵀHzₖ and its standard error. One Hessian-vector product on all samples per probe.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled between probes.</exception>
    public TraceEstimate Hutchinson(ReadOnlySpan<T> inputs, Targets<T> targets, int probes, long seed, CancellationToken cancellation = default)
    {
        if (probes < 2) throw new ArgumentOutOfRangeException(nameof(probes), probes, "Hutchinson's estimate needs at least 2 probes (for its standard error).");
        _objective.Samples(inputs, targets);
        // Welford's running mean and squared deviations, in double.
        double mean = 0, squares = 0;
        for (var k = 0; k < probes; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            WriteProbe(_random, seed, k, _probe);
            _objective.HessianVectorProduct(inputs, targets, _probe, _product);
            var value = Dot(_probe, _product);
            var delta = value - mean;
            mean += delta / (k + 1);
            squares += delta * (value - mean);
        }
        var standardDeviation = Math.Sqrt(squares / (probes - 1));
        return new TraceEstimate(mean, standardDeviation / Math.Sqrt(probes), TraceMethod.Hutchinson, probes, probes * (long)ChunkCalls(inputs));
    }

    /// <summary>
    /// Writes Rademacher probe <paramref name="index"/> of <paramref name="seed"/> to <paramref name="probe"/>:
    /// entry i is +1 if bit (i mod 64) of draw ⌊i/64⌋ of <see cref="SeededRandom"/>(seed, stream = index) is set, else −1.
    /// </summary>
    public static void RademacherProbe(long seed, int index, Span<T> probe) => WriteProbe(new SeededRandom(0), seed, index, probe);

    private static void WriteProbe(SeededRandom random, long seed, int index, Span<T> probe)
    {
        random.Reset(seed, index);
        ulong bits = 0;
        for (var i = 0; i < probe.Length; i++)
        {
            if ((i & 63) == 0) bits = random.NextUInt64();
            probe[i] = (bits & 1) != 0 ? T.One : -T.One;
            bits >>= 1;
        }
    }

    private int ChunkCalls(ReadOnlySpan<T> inputs)
    {
        var n = _objective.Samples(inputs);
        return (n + _objective.ChunkSize - 1) / _objective.ChunkSize;
    }

    private static double Dot(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
    {
        double sum = 0;
        for (var i = 0; i < x.Length; i++) sum += double.CreateTruncating(x[i]) * double.CreateTruncating(y[i]);
        return sum;
    }
}
