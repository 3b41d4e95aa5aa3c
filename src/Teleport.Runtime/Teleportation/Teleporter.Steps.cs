using System;
using System.Numerics.Tensors;

namespace Teleport.Teleportation;

/// <summary>
/// The ascent's Lie-algebra steps X_s = η·T_s within the trust radius r, formed in double when η·T_s or its norm leaves
/// T's range (so a huge η or T_s takes a step of norm r, as the trust region promises, rather than none).
/// </summary>
public sealed partial class Teleporter<T>
{
    /// <summary>
    /// X_s = η·T_s scaled to ‖X_s‖_F ≤ r for every active symmetry (with <paramref name="joint"/>, all X_s by one factor to
    /// ‖X‖ ≤ r, so the step stays on one one-parameter subgroup); false when every X_s is zero.
    /// </summary>
    private bool FormSteps(double eta, double radius, bool joint)
    {
        bool moves = false;
        if (joint)
        {
            double squares = 0;
            for (int s = 0; s < ids.Length; s++)
            {
                if (active[s])
                {
                    // ‖T_s‖ in T is ∞ for a float T_s above 1.8e19 (its squares overflow): r/∞ would stop every step
                    ReadOnlySpan<T> lie = lieCurrent.AsSpan(offsets[s], ElementLength(s));
                    double n = double.CreateTruncating(TensorPrimitives.Norm<T>(lie));
                    n = double.IsFinite(n) ? n : LayerAlgebra.ScaledNorm(lie);
                    squares += n * n;
                }
            }

            double total = Math.Abs(eta) * Math.Sqrt(squares);
            if (double.IsPositiveInfinity(total))
            {
                eta = Math.CopySign(radius / Math.Sqrt(squares), eta);
            }
            else if (total > radius)
            {
                eta *= radius / total;
            }

            radius = double.PositiveInfinity;
        }

        for (int s = 0; s < ids.Length; s++)
        {
            if (!active[s])
            {
                continue;
            }

            Span<T> x = steps.AsSpan(offsets[s], ElementLength(s));
            ReadOnlySpan<T> lie = lieCurrent.AsSpan(offsets[s], x.Length);
            TensorPrimitives.Multiply(lie, T.CreateTruncating(eta), x);
            double norm = double.CreateTruncating(TensorPrimitives.Norm<T>(x));
            if (!double.IsFinite(norm))
            {
                // η·T or its squares left T's range (a huge η, or a float T above 1.8e19): scaling that ∞ or NaN by r/‖X‖
                // gave X = 0 or NaN, a step that did not move or failed, whatever r. Form X at the trust radius in double.
                moves |= FormStepInDouble(lie, eta, radius, x);
                continue;
            }

            if (norm > radius)
            {
                TensorPrimitives.Multiply(x, T.CreateTruncating(radius / norm), x);
            }

            moves |= norm != 0;
        }

        return moves;
    }

    /// <summary>
    /// X = c·T with c = η, or c = ±r/‖T‖ when ‖η·T‖ > r, formed in double (‖T‖ by <see cref="LayerAlgebra.ScaledNorm{T}"/>);
    /// whether X is not zero. With r = ∞ and η·T beyond T's range, X holds ∞: the group element is then undefined and the
    /// step is rejected as non-finite and retried shorter.
    /// </summary>
    private static bool FormStepInDouble(ReadOnlySpan<T> lie, double eta, double radius, Span<T> x)
    {
        double lieNorm = LayerAlgebra.ScaledNorm(lie);
        if (lieNorm == 0)
        {
            // T = 0 (a critical point on this orbit): no step, whatever η — an η of ∞ (η/F past double's range) made 0·∞ = NaN
            x.Clear();
            return false;
        }

        double factor = Math.Abs(eta) > radius / lieNorm ? Math.CopySign(radius / lieNorm, eta) : eta;
        bool moves = false;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = T.CreateTruncating(double.CreateTruncating(lie[i]) * factor);
            moves |= x[i] != T.Zero;
        }

        return moves;
    }
}
