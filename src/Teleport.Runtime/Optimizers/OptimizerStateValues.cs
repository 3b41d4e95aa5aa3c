using System.Globalization;
using System.Numerics;

namespace Teleport.Optimizers;

/// <summary>
/// The values a saved optimizer state may hold: every buffer finite, and the running sums and averages of squared
/// gradients (AdaGrad's sum, RMSProp's square_avg, Adam's exp_avg_sq and max_exp_avg_sq) not negative. A state read from
/// a file that breaks this was damaged or edited: loaded, it would make the first steps NaN (√ of a negative) and the
/// run would report a divergence blaming the learning rate. Checked when a trainer that stops on divergence resumes from
/// a file (one that does not may have written such a state itself), not when a teleport restores its own snapshot.
/// </summary>
public static class OptimizerStateValues
{
    /// <summary>The first value no step of a run that stops on divergence produces, described with its buffer and index; null if none.</summary>
    public static string? FindImpossible<T>(OptimizerState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        System.ArgumentNullException.ThrowIfNull(state);
        // (a missing dictionary or array was a NullReferenceException; LoadState names a missing buffer the same way)
        if (state.Buffers is null) throw new System.ArgumentException("The state has no buffers.", nameof(state));
        foreach (var (name, values) in state.Buffers)
        {
            if (values is null) throw new System.ArgumentException($"The state has no '{name}' buffer.", nameof(state));
            var squares = IsSumOfSquares(name);
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (!T.IsFinite(v) || (squares && T.IsNegative(v) && !T.IsZero(v)))
                    return string.Create(CultureInfo.InvariantCulture,
                        $"buffer \"{name}\" holds {v} at index {i}, which no step of a run that stops on divergence produces{(squares ? " (a sum or average of squares: finite and ≥ 0)" : " (finite)")}");
            }
        }
        return null;
    }

    private static bool IsSumOfSquares(string name) => name is OptimizerBufferNames.Sum or OptimizerBufferNames.SquareAverage
        or OptimizerBufferNames.ExpAvgSq or OptimizerBufferNames.MaxExpAvgSq;
}
