using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// Softmax cross-entropy over integer labels, mean over the batch (PyTorch <c>CrossEntropyLoss</c>):
/// L = (1/n) Σ_i [log Σ_j exp z_ij − z_i,y_i], with the stable log-sum-exp (z − max z).
/// </summary>
/// <remarks>
/// Logits and probabilities are row-major [batch × classes]. The loss is accumulated in double
/// and rounded once. A label outside [0, classes) throws <see cref="ArgumentOutOfRangeException"/>
/// naming the sample and the label. An empty batch has loss NaN (a mean of nothing), as in PyTorch.
/// Outputs may be the same memory as an input (in place) but must not partially overlap it;
/// <see cref="Tangent"/>'s output may replace r but not p.
/// </remarks>
public static unsafe partial class SoftmaxCrossEntropy
{
    private const int Chunk = 256;

    /// <summary>
    /// Rows of at most this many classes (the first 16 of the 32 partial sums of <see cref="DeterministicReduction"/>
    /// then hold one term each, the rest 0) take the row-at-a-time path: the same arithmetic in the same order,
    /// without a library call per row (the paper's 10 classes: 5–10× faster per row).
    /// </summary>
    private const int ShortRow = 16;

    [ThreadStatic] private static bool t_perRowOnly;

    /// <summary>Forces the general per-row path on the calling thread (tests compare the short-row path against it bit for bit).</summary>
    internal static bool PerRowOnly
    {
        get => t_perRowOnly;
        set
        {
            if (value) KernelOverrides.MarkUsed();
            t_perRowOnly = value;
        }
    }

    private static bool UseShortRows(int classes) => classes <= ShortRow && !(KernelOverrides.Used && t_perRowOnly);

    /// <summary>Mean loss; writes p = softmax(z) per row into <paramref name="probabilities"/> (which may be the logits' memory).</summary>
    public static T Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> probabilities, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(logits.Length, labels, batch, classes);
        RequireLength(probabilities.Length, batch, classes, nameof(probabilities));
        RequireInPlaceOrApart(logits, probabilities, batch * classes, nameof(probabilities));
        if (batch == 0) return T.NaN;
        int total = batch * classes;
        var p = probabilities[..total];

        if (UseShortRows(classes))
        {
            fixed (T* pz = logits)
            fixed (T* pp = p)
            {
                return ForwardShortRows(pz, labels, pp, p, batch, classes);
            }
        }

        // z − max(z) per row (and the loss terms that need z, read before p overwrites it in place).
        double loss = 0;
        for (int i = 0; i < batch; i++)
        {
            var z = logits.Slice(i * classes, classes);
            T max = TensorPrimitives.Max(z);
            loss += double.CreateTruncating(max) - double.CreateTruncating(z[labels[i]]);
            TensorPrimitives.Subtract(z, max, p.Slice(i * classes, classes));
        }

        // exp over the whole batch at once, then normalise each row by its sum (in double).
        TensorPrimitives.Exp(p, p);
        for (int i = 0; i < batch; i++)
        {
            var row = p.Slice(i * classes, classes);
            double sum = Reductions.Reduce<T, SumTerm>(row, row);
            loss += Math.Log(sum);
            TensorPrimitives.Divide(row, T.CreateTruncating(sum), row);
        }
        return T.CreateTruncating(loss / batch);
    }

    /// <summary><see cref="Forward"/> for rows of at most <see cref="ShortRow"/> classes: identical results.</summary>
    private static T ForwardShortRows<T>(T* z, ReadOnlySpan<int> labels, T* p, Span<T> probabilities, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double loss = 0;
        for (int i = 0; i < batch; i++)
        {
            T* zi = z + (nint)i * classes;
            T max = RowMax(zi, classes);
            loss += double.CreateTruncating(max) - double.CreateTruncating(zi[labels[i]]);
            SubtractScalar(zi, max, p + (nint)i * classes, classes);
        }

        TensorPrimitives.Exp(probabilities, probabilities);
        for (int i = 0; i < batch; i++)
        {
            T* row = p + (nint)i * classes;
            double sum = ShortSum(row, classes);
            loss += Math.Log(sum);
            DivideScalar(row, T.CreateTruncating(sum), classes);
        }
        return T.CreateTruncating(loss / batch);
    }

    /// <summary>max over n ≥ 1 values with <see cref="TensorPrimitives.Max{T}(ReadOnlySpan{T})"/>'s semantics (NaN wins, +0 &gt; −0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T RowMax<T>(T* x, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = x[0];
        for (int j = 1; j < n; j++) max = T.Max(max, x[j]);
        return max;
    }

    /// <summary>
    /// <see cref="DeterministicReduction"/>'s sum of n ≤ 16 values: partial j = 0 + x[j] (the rest 0),
    /// then the same fixed tree (p[j] += p[j + h] for h = 8, 4, 2, 1; its first step, h = 16, adds +0 to
    /// partials that are never −0, which changes nothing), so the bits are the
    /// reduction's — in registers (no partial-sum array: its scalar stores would stall vector loads).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ShortSum<T>(T* x, int n) where T : unmanaged, IFloatingPointIeee754<T>
        => Tree(new ShortTerms<T, SumTerm>(x, x, n));

    /// <summary>The same for the dot product: partial j = fma(x[j], y[j], 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ShortDot<T>(T* x, T* y, int n) where T : unmanaged, IFloatingPointIeee754<T>
        => Tree(new ShortTerms<T, DotTerm>(x, y, n));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Tree<T, TTerm>(ShortTerms<T, TTerm> t)
        where T : unmanaged, IFloatingPointIeee754<T> where TTerm : IReductionTerm
    {
        double r0 = (t[0] + t[8]) + (t[4] + t[12]);
        double r1 = (t[1] + t[9]) + (t[5] + t[13]);
        double r2 = (t[2] + t[10]) + (t[6] + t[14]);
        double r3 = (t[3] + t[11]) + (t[7] + t[15]);
        return (r0 + r2) + (r1 + r3);
    }

    /// <summary>Partial sum j of a reduction over n ≤ 16 terms: term(0, x[j], y[j]) below n, else 0.</summary>
    private readonly ref struct ShortTerms<T, TTerm>(T* x, T* y, int n)
        where T : unmanaged, IFloatingPointIeee754<T> where TTerm : IReductionTerm
    {
        public double this[int j]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => j < n ? TTerm.Accumulate(0, double.CreateTruncating(x[j]), double.CreateTruncating(y[j])) : 0;
        }
    }

    /// <summary>d[j] = x[j] − s (d may be x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SubtractScalar<T>(T* x, T s, T* d, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.Create(s);
            for (; j <= n - Vector256<T>.Count; j += Vector256<T>.Count) (Vector256.Load(x + j) - v).Store(d + j);
        }
        for (; j < n; j++) d[j] = x[j] - s;
    }

    /// <summary>x[j] /= s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DivideScalar<T>(T* x, T s, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.Create(s);
            for (; j <= n - Vector256<T>.Count; j += Vector256<T>.Count) (Vector256.Load(x + j) / v).Store(x + j);
        }
        for (; j < n; j++) x[j] /= s;
    }

    /// <summary>Mean loss without keeping probabilities; allocation-free (a stack buffer of 256 values).</summary>
    public static T Loss<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(logits.Length, labels, batch, classes);
        if (batch == 0) return T.NaN;
        Span<T> buffer = stackalloc T[Chunk];
        double loss = 0;
        for (int i = 0; i < batch; i++)
        {
            var z = logits.Slice(i * classes, classes);
            double sum = 0;
            T max;
            if (UseShortRows(classes))
            {
                // The same arithmetic as the general loop below, without a library call per step.
                fixed (T* pz = z)
                fixed (T* pe = buffer)
                {
                    max = RowMax(pz, classes);
                    SubtractScalar(pz, max, pe, classes);
                    var e = buffer[..classes];
                    TensorPrimitives.Exp(e, e);
                    sum += ShortSum(pe, classes);
                }
            }
            else
            {
                max = TensorPrimitives.Max(z);
                for (int start = 0; start < classes; start += Chunk)
                {
                    int count = Math.Min(Chunk, classes - start);
                    var e = buffer[..count];
                    TensorPrimitives.Subtract(z.Slice(start, count), max, e);
                    TensorPrimitives.Exp(e, e);
                    sum += Reductions.Reduce<T, SumTerm>(e, e);
                }
            }
            // max − z_y first, as LossAndProbabilities adds it (the same bits): max + log Σ, then − z_y, lost log Σ to
            // rounding once the logits were large — equal logits of 10²⁰ gave a loss of 0 instead of log 10 (a sweep found
            // `measure` printing it for weights of 10²⁰).
            loss += double.CreateTruncating(max) - double.CreateTruncating(z[labels[i]]);
            loss += Math.Log(sum);
        }
        return T.CreateTruncating(loss / batch);
    }

    /// <summary>∂L/∂z = (p − onehot(y))/n per row (may be written over the probabilities).</summary>
    public static void Gradient<T>(ReadOnlySpan<T> probabilities, ReadOnlySpan<int> labels, Span<T> dLogits, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(probabilities.Length, labels, batch, classes);
        RequireLength(dLogits.Length, batch, classes, nameof(dLogits));
        RequireInPlaceOrApart(probabilities, dLogits, batch * classes, nameof(dLogits));
        if (batch == 0) return;
        T inverseBatch = T.One / T.CreateTruncating(batch);
        if (UseShortRows(classes))
        {
            // Blocks of rows: the label entries are read first (the output may be the probabilities'
            // memory), then one multiply over the block, then the label entries are set.
            const int Block = 64;
            T* atLabel = stackalloc T[Block];
            for (int first = 0; first < batch; first += Block)
            {
                int rows = Math.Min(Block, batch - first);
                for (int r = 0; r < rows; r++) atLabel[r] = probabilities[(first + r) * classes + labels[first + r]];
                TensorPrimitives.Multiply(probabilities.Slice(first * classes, rows * classes), inverseBatch, dLogits.Slice(first * classes, rows * classes));
                for (int r = 0; r < rows; r++) dLogits[(first + r) * classes + labels[first + r]] = (atLabel[r] - T.One) * inverseBatch;
            }
            return;
        }
        for (int i = 0; i < batch; i++)
        {
            int label = labels[i];
            T atLabel = probabilities[i * classes + label];
            var d = dLogits.Slice(i * classes, classes);
            TensorPrimitives.Multiply(probabilities.Slice(i * classes, classes), inverseBatch, d);
            d[label] = (atLabel - T.One) * inverseBatch;
        }
    }

    /// <summary>
    /// The R-operator of the gradient: R{∂L/∂z} = (p ⊙ r − p·(pᵀr))/n = p ⊙ (r − pᵀr)/n per row
    /// (the Hessian of the loss in z, diag p − ppᵀ, applied to r, over n).
    /// </summary>
    public static void Tangent<T>(ReadOnlySpan<T> probabilities, ReadOnlySpan<T> rLogits, Span<T> rDLogits, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size must not be negative.");
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), classes, "There must be at least one class.");
        RequireLength(probabilities.Length, batch, classes, nameof(probabilities));
        RequireLength(rLogits.Length, batch, classes, nameof(rLogits));
        RequireLength(rDLogits.Length, batch, classes, nameof(rDLogits));
        if (batch == 0) return;
        int total = batch * classes;
        if (((ReadOnlySpan<T>)rDLogits[..total]).Overlaps(probabilities[..total]))
            throw new ArgumentException("rDLogits must not overlap the probabilities (it may be the rLogits' memory).", nameof(rDLogits));
        RequireInPlaceOrApart(rLogits, rDLogits, total, nameof(rDLogits));
        T inverseBatch = T.One / T.CreateTruncating(batch);
        if (UseShortRows(classes))
        {
            fixed (T* pp = probabilities)
            fixed (T* pr = rLogits)
            fixed (T* pd = rDLogits)
            {
                TangentShortRows(pp, pr, pd, batch, classes, inverseBatch);
            }
            return;
        }
        for (int i = 0; i < batch; i++)
        {
            var p = probabilities.Slice(i * classes, classes);
            var r = rLogits.Slice(i * classes, classes);
            var d = rDLogits.Slice(i * classes, classes);
            T pr = T.CreateTruncating(Reductions.DotAsDouble(p, r));
            TensorPrimitives.Subtract(r, pr, d);
            TensorPrimitives.Multiply(d, p, d);
            TensorPrimitives.Multiply(d, inverseBatch, d);
        }
    }

    /// <summary><see cref="Tangent"/> for rows of at most <see cref="ShortRow"/> classes: d = ((r − pᵀr)·p)·(1/n), identical results.</summary>
    private static void TangentShortRows<T>(T* p, T* r, T* d, int batch, int classes, T inverseBatch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < batch; i++)
        {
            nint at = (nint)i * classes;
            T* pi = p + at, ri = r + at, di = d + at;
            T pr = T.CreateTruncating(ShortDot(pi, ri, classes));
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var vpr = Vector256.Create(pr);
                var vinv = Vector256.Create(inverseBatch);
                for (; j <= classes - Vector256<T>.Count; j += Vector256<T>.Count)
                    (((Vector256.Load(ri + j) - vpr) * Vector256.Load(pi + j)) * vinv).Store(di + j);
            }
            for (; j < classes; j++) di[j] = ((ri[j] - pr) * pi[j]) * inverseBatch;
        }
    }

    private static void Validate(int logitsLength, ReadOnlySpan<int> labels, int batch, int classes)
    {
        if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size must not be negative.");
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), classes, "There must be at least one class.");
        RequireLength(logitsLength, batch, classes, "logits");
        if (labels.Length < batch)
            throw new ArgumentException($"There are {labels.Length} labels for a batch of {batch}.", nameof(labels));
        for (int i = 0; i < batch; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Sample {i} has label {label}, outside [0, {classes}).");
        }
    }

    /// <summary>
    /// An output is either the input's memory (in place) or apart from it: shifted over it, a row's results overwrite
    /// input that a later row still reads, silently. O(1), on the used [batch × classes] only.
    /// </summary>
    private static void RequireInPlaceOrApart<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> output, int total, string outputName)
    {
        if (output[..total].Overlaps(input[..total], out int offset) && offset != 0)
            throw new ArgumentException($"'{outputName}' partially overlaps its input (shifted by {offset} elements); only exact in-place use is supported.", outputName);
    }

    private static void RequireLength(int length, int batch, int classes, string name)
    {
        if (length < (long)batch * classes)
            throw new ArgumentException($"'{name}' has {length} elements but batch·classes = {batch}·{classes} = {(long)batch * classes} are needed.", name);
    }
}
