using System;
using System.Numerics;

namespace Teleport.Kernels;

public static unsafe partial class SoftmaxCrossEntropy
{
    /// <summary>
    /// The tangent of <see cref="Tangent"/>: the third derivative of the mean cross-entropy in the logits, which the
    /// generated D³L[v, v, ·] needs. Per row, with p = softmax(z), r the first tangent of the logits, s the logits'
    /// tangent in this pass and r′ the tangent of r: p moves by q = p ⊙ (s − pᵀs), so
    /// d/dε [p ⊙ (r − pᵀr)/n] = (q ⊙ (r − pᵀr) + p ⊙ (r′ − qᵀr − pᵀr′))/n.
    /// </summary>
    /// <param name="probabilities">p = softmax(z), [batch × classes].</param>
    /// <param name="rLogits">r, the first tangent of the logits.</param>
    /// <param name="sLogits">s, the logits' tangent in this pass (may be r's memory); empty when it is zero.</param>
    /// <param name="rrLogits">r′, the tangent of r; empty when it is zero.</param>
    /// <param name="result">The second tangent of ∂L/∂z; may be r′'s memory, must not overlap p, r or s.</param>
    /// <param name="batch">n.</param>
    /// <param name="classes">Classes per row.</param>
    /// <remarks>Dot products accumulate in double per row; allocation-free.</remarks>
    public static void SecondTangent<T>(ReadOnlySpan<T> probabilities, ReadOnlySpan<T> rLogits, ReadOnlySpan<T> sLogits, ReadOnlySpan<T> rrLogits, Span<T> result, int batch, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batch < 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size must not be negative.");
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), classes, "There must be at least one class.");
        RequireLength(probabilities.Length, batch, classes, nameof(probabilities));
        RequireLength(rLogits.Length, batch, classes, nameof(rLogits));
        RequireLength(result.Length, batch, classes, nameof(result));
        bool hasS = !sLogits.IsEmpty, hasRr = !rrLogits.IsEmpty;
        if (hasS) RequireLength(sLogits.Length, batch, classes, nameof(sLogits));
        if (hasRr) RequireLength(rrLogits.Length, batch, classes, nameof(rrLogits));
        if (batch == 0) return;
        int total = batch * classes;
        ReadOnlySpan<T> output = result[..total];
        if (output.Overlaps(probabilities[..total]) || output.Overlaps(rLogits[..total]) || (hasS && output.Overlaps(sLogits[..total])))
            throw new ArgumentException("result must not overlap the probabilities, r or s (it may be r′'s memory).", nameof(result));
        double inverseBatch = 1.0 / batch;
        for (int i = 0; i < batch; i++)
        {
            int at = i * classes;
            var p = probabilities.Slice(at, classes);
            var r = rLogits.Slice(at, classes);
            double pr = Reductions.DotAsDouble(p, r), ps = 0, prr = 0, qr = 0;
            if (hasS)
            {
                var s = sLogits.Slice(at, classes);
                ps = Reductions.DotAsDouble(p, s);
                for (int j = 0; j < classes; j++)
                    qr += double.CreateTruncating(p[j]) * (double.CreateTruncating(s[j]) - ps) * double.CreateTruncating(r[j]);
            }

            if (hasRr) prr = Reductions.DotAsDouble(p, rrLogits.Slice(at, classes));
            for (int j = 0; j < classes; j++)
            {
                double pj = double.CreateTruncating(p[j]);
                double value = -pj * (qr + prr);
                if (hasS) value += pj * (double.CreateTruncating(sLogits[at + j]) - ps) * (double.CreateTruncating(r[j]) - pr);
                if (hasRr) value += pj * double.CreateTruncating(rrLogits[at + j]);
                result[at + j] = T.CreateTruncating(value * inverseBatch);
            }
        }
    }
}
