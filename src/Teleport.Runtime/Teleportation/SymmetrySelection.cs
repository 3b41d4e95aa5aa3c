using System;
using System.Collections.Generic;

namespace Teleport.Teleportation;

/// <summary>
/// Chooses the active symmetries of one teleport: at most one per hidden layer, the best-ranked for
/// the <see cref="SymmetrySet"/> and the batch size (see <see cref="SymmetrySet"/> for the order).
/// It reads the typed fields of <see cref="SymmetryInfo"/> — kind, group, exactness on the batch —
/// never ids or sizes.
/// </summary>
internal static class SymmetrySelection
{
    private const int Excluded = int.MaxValue;

    /// <summary>Fills <paramref name="active"/> (one flag per symmetry) and returns how many are active.</summary>
    public static int Select(NetworkInfo info, SymmetrySet set, int batch, Span<bool> active)
    {
        IReadOnlyList<SymmetryInfo> symmetries = info.Symmetries;
        int count = 0;
        for (int s = 0; s < symmetries.Count; s++)
        {
            int rank = Rank(symmetries[s], set, batch);
            bool best = rank != Excluded;
            for (int other = 0; best && other < symmetries.Count; other++)
            {
                if (other != s && symmetries[other].Layer == symmetries[s].Layer)
                {
                    int otherRank = Rank(symmetries[other], set, batch);
                    best = rank < otherRank || (rank == otherRank && s < other);
                }
            }

            active[s] = best;
            count += best ? 1 : 0;
        }

        return count;
    }

    /// <summary>Throws when the selection has no policy for the symmetry's kind (a kind newer than this runtime).</summary>
    public static void CheckKind(SymmetryInfo symmetry, int index)
    {
        if (symmetry.Kind is not (SymmetryKind.Custom or SymmetryKind.GeneralLinear or SymmetryKind.Diagonal or SymmetryKind.DataDependent or SymmetryKind.LeastSquares))
        {
            throw new ArgumentException($"Symmetry {index} ({symmetry.Id} on layer {symmetry.Layer}) has kind {(int)symmetry.Kind}, which this teleporter has no selection policy for.", nameof(symmetry));
        }
    }

    /// <summary>Lower is preferred; <see cref="Excluded"/> when the set does not allow the symmetry.</summary>
    private static int Rank(SymmetryInfo symmetry, SymmetrySet set, int batch)
    {
        if (set == SymmetrySet.Exact)
        {
            // Exact for any data only, the larger group (GL(k)) before the diagonal one.
            return symmetry.IsExact ? (symmetry.IsDiagonal ? 1 : 0) : Excluded;
        }

        if (set == SymmetrySet.LeastSquares)
        {
            return symmetry.Kind == SymmetryKind.LeastSquares ? 0 : Excluded;
        }

        // Exact groups first (for this batch), the larger before the smaller; an inexact S4 step is
        // usually rejected by the drift guard, so it must not displace the exact diagonal group S2.
        bool exactHere = symmetry.IsExactOn(batch);
        return symmetry.Kind switch
        {
            SymmetryKind.GeneralLinear => 0,
            SymmetryKind.DataDependent => exactHere ? 1 : 6,
            SymmetryKind.LeastSquares => exactHere ? 2 : 4,
            SymmetryKind.Diagonal => 3,
            SymmetryKind.Custom => symmetry.IsExact ? 5 : Excluded,
            _ => throw new ArgumentOutOfRangeException(nameof(symmetry), symmetry.Kind, "No selection policy for this symmetry kind."),
        };
    }
}
