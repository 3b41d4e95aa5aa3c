using System;
using System.Numerics;
using System.Numerics.Tensors;

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
public static class SoftmaxCrossEntropy
{
    private const int Chunk = 256;

    /// <summary>Mean loss; writes p = softmax(z) per row into <paramref name="probabilities"/> (which may be the logits' memory).</summary>
    public static T Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> probabilities, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(logits.Length, labels, batch, classes);
        RequireLength(probabilities.Length, batch, classes, nameof(probabilities));
        if (batch == 0) return T.NaN;
        int total = batch * classes;
        var p = probabilities[..total];

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
            T max = TensorPrimitives.Max(z);
            double sum = 0;
            for (int start = 0; start < classes; start += Chunk)
            {
                int count = Math.Min(Chunk, classes - start);
                var e = buffer[..count];
                TensorPrimitives.Subtract(z.Slice(start, count), max, e);
                TensorPrimitives.Exp(e, e);
                sum += Reductions.Reduce<T, SumTerm>(e, e);
            }
            loss += double.CreateTruncating(max) + Math.Log(sum) - double.CreateTruncating(z[labels[i]]);
        }
        return T.CreateTruncating(loss / batch);
    }

    /// <summary>∂L/∂z = (p − onehot(y))/n per row (may be written over the probabilities).</summary>
    public static void Gradient<T>(ReadOnlySpan<T> probabilities, ReadOnlySpan<int> labels, Span<T> dLogits, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(probabilities.Length, labels, batch, classes);
        RequireLength(dLogits.Length, batch, classes, nameof(dLogits));
        if (batch == 0) return;
        T inverseBatch = T.One / T.CreateTruncating(batch);
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
        T inverseBatch = T.One / T.CreateTruncating(batch);
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

    private static void RequireLength(int length, int batch, int classes, string name)
    {
        if (length < (long)batch * classes)
            throw new ArgumentException($"'{name}' has {length} elements but batch·classes = {batch}·{classes} = {(long)batch * classes} are needed.", name);
    }
}
