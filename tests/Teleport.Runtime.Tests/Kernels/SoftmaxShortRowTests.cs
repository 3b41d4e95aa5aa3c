using System;
using System.Numerics;
using System.Numerics.Tensors;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// The per-row implementation of <see cref="SoftmaxCrossEntropy"/> before its short-row path (one
/// library call per row and step): the reference the short-row path must match bit for bit.
/// </summary>
internal static class SoftmaxCrossEntropyPerRow
{
    private const int Chunk = 256;

    /// <summary>Mean loss; writes p = softmax(z) per row into <paramref name="probabilities"/> (which may be the logits' memory).</summary>
    internal static T Forward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> probabilities, int batch, int classes)
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
    internal static T Loss<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, int batch, int classes)
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
    internal static void Gradient<T>(ReadOnlySpan<T> probabilities, ReadOnlySpan<int> labels, Span<T> dLogits, int batch, int classes)
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
    internal static void Tangent<T>(ReadOnlySpan<T> probabilities, ReadOnlySpan<T> rLogits, Span<T> rDLogits, int batch, int classes)
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

public class SoftmaxShortRowTests
{
    public static TheoryData<int, int> Shapes() => new() { { 1, 1 }, { 3, 2 }, { 20, 10 }, { 7, 7 }, { 9, 8 }, { 200, 10 }, { 65, 16 }, { 130, 13 }, { 5, 3 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ShortRowsGiveThePerRowBits(int batch, int classes)
    {
        Check<float>(batch, classes);
        Check<double>(batch, classes);
    }

    private static void Check<T>(int batch, int classes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(batch * 31 + classes);
        var z = new T[batch * classes];
        var r = new T[batch * classes];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = T.CreateTruncating(16 * random.NextDouble() - 8);
            r[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        }
        var labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = random.Next(classes);

        var p0 = new T[z.Length];
        var p1 = new T[z.Length];
        Assert.Equal(SoftmaxCrossEntropyPerRow.Forward<T>(z, labels, p0, batch, classes), SoftmaxCrossEntropy.Forward<T>(z, labels, p1, batch, classes));
        Assert.Equal(p0, p1);
        Assert.Equal(SoftmaxCrossEntropyPerRow.Loss<T>(z, labels, batch, classes), SoftmaxCrossEntropy.Loss<T>(z, labels, batch, classes));

        // In place, as the generated code may call it.
        var inPlace = (T[])z.Clone();
        Assert.Equal(SoftmaxCrossEntropyPerRow.Forward<T>(z, labels, p0, batch, classes), SoftmaxCrossEntropy.Forward<T>(inPlace, labels, inPlace, batch, classes));
        Assert.Equal(p0, inPlace);

        var d0 = new T[z.Length];
        var d1 = new T[z.Length];
        SoftmaxCrossEntropyPerRow.Gradient<T>(p0, labels, d0, batch, classes);
        SoftmaxCrossEntropy.Gradient<T>(p0, labels, d1, batch, classes);
        Assert.Equal(d0, d1);
        var gradientInPlace = (T[])p0.Clone();
        SoftmaxCrossEntropy.Gradient<T>(gradientInPlace, labels, gradientInPlace, batch, classes);
        Assert.Equal(d0, gradientInPlace);

        SoftmaxCrossEntropyPerRow.Tangent<T>(p0, r, d0, batch, classes);
        SoftmaxCrossEntropy.Tangent<T>(p0, r, d1, batch, classes);
        Assert.Equal(d0, d1);
        var tangentInPlace = (T[])r.Clone();
        SoftmaxCrossEntropy.Tangent<T>(p0, tangentInPlace, tangentInPlace, batch, classes);
        Assert.Equal(d0, tangentInPlace);
    }
}
