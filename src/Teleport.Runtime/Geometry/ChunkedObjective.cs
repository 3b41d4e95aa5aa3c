using System;
using System.Numerics;

namespace Teleport.Geometry;

/// <summary>
/// The mean loss of a model over N samples and its Hessian-vector product, computed in chunks of at most
/// <see cref="ChunkSize"/> samples: L = Σ_c (n_c/N)·L_c and H·v = Σ_c (n_c/N)·H_c·v, where L_c and H_c are the
/// model's mean over chunk c. So N is limited by neither the model's workspace nor memory, and one chunk
/// (N ≤ ChunkSize) is exactly the model's own call. Allocation-free after construction.
/// </summary>
public sealed class ChunkedObjective<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _chunk;
    private readonly double[] _sum;

    /// <summary>Wraps <paramref name="model"/>, calling it on at most <paramref name="chunkSize"/> samples at a time.</summary>
    public ChunkedObjective(IDifferentiableModel<T> model, int chunkSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        Model = model;
        ChunkSize = chunkSize;
        _chunk = new T[model.Info.ParameterCount];
        _sum = new double[model.Info.ParameterCount];
    }

    /// <summary>The wrapped model (its current <see cref="IDifferentiableModel{T}.Parameters"/> are the point evaluated).</summary>
    public IDifferentiableModel<T> Model { get; }

    /// <summary>Most samples per model call.</summary>
    public int ChunkSize { get; }

    /// <summary>The number of parameters P.</summary>
    public int ParameterCount => _sum.Length;

    /// <summary>The number of samples N in <paramref name="inputs"/> ([N, InputSize]); throws when it is empty or ragged.</summary>
    public int Samples(ReadOnlySpan<T> inputs) => ModelArguments.BatchSize(inputs.Length, Model.Info.InputSize);

    /// <summary>The number of samples N in <paramref name="inputs"/>; throws when it is empty or ragged, or <paramref name="targets"/> do not hold N samples.</summary>
    public int Samples(ReadOnlySpan<T> inputs, Targets<T> targets) =>
        ModelArguments.BatchSize(inputs.Length, Model.Info.InputSize, targets, Model.Info.OutputSize);

    /// <summary>The mean loss over all samples, accumulated in double.</summary>
    public double Loss(ReadOnlySpan<T> inputs, Targets<T> targets)
    {
        var n = Samples(inputs, targets);
        var d = Model.Info.InputSize;
        double sum = 0;
        for (var start = 0; start < n; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, n - start);
            var loss = Model.Loss(inputs.Slice(start * d, count * d), Slice(targets, start, count));
            sum += double.CreateTruncating(loss) * count;
        }
        return sum / n;
    }

    /// <summary>H·v of the mean loss over all samples, written to <paramref name="result"/> (P values; must not overlap v).</summary>
    public void HessianVectorProduct(ReadOnlySpan<T> inputs, Targets<T> targets, ReadOnlySpan<T> v, Span<T> result)
    {
        var n = Samples(inputs, targets);
        ModelArguments.CheckParameterSpan(v.Length, _sum.Length, nameof(v));
        ModelArguments.CheckParameterSpan(result.Length, _sum.Length, nameof(result));
        if (n <= ChunkSize)
        {
            Model.HessianVectorProduct(inputs, targets, v, result);
            return;
        }
        var d = Model.Info.InputSize;
        Array.Clear(_sum);
        for (var start = 0; start < n; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, n - start);
            Model.HessianVectorProduct(inputs.Slice(start * d, count * d), Slice(targets, start, count), v, _chunk);
            var weight = (double)count / n;
            for (var i = 0; i < _sum.Length; i++) _sum[i] += weight * double.CreateTruncating(_chunk[i]);
        }
        for (var i = 0; i < _sum.Length; i++) result[i] = T.CreateTruncating(_sum[i]);
    }

    /// <summary>The targets of samples [first, first + count).</summary>
    internal Targets<T> Slice(Targets<T> targets, int first, int count) =>
        targets.Slice(first, count, Model.Info.OutputSize);
}
