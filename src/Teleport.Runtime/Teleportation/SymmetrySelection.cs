using System;
using System.Collections.Generic;

namespace Teleport.Teleportation;

/// <summary>
/// Chooses the active symmetries of one teleport: at most one per hidden layer, the best-ranked for
/// the <see cref="SymmetrySet"/> and the batch size (see <see cref="SymmetrySet"/> for the order).
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
            int rank = Rank(info, symmetries[s], set, batch);
            bool best = rank != Excluded;
            for (int other = 0; best && other < symmetries.Count; other++)
            {
                if (other != s && symmetries[other].Layer == symmetries[s].Layer)
                {
                    int otherRank = Rank(info, symmetries[other], set, batch);
                    best = rank < otherRank || (rank == otherRank && s < other);
                }
            }

            active[s] = best;
            count += best ? 1 : 0;
        }

        return count;
    }

    /// <summary>Whether a symmetry's id names one of the data-dependent actions (S3, S4).</summary>
    public static bool IsDataDependent(SymmetryInfo symmetry) => symmetry.Id is "S3" or "S4";

    /// <summary>Lower is preferred; <see cref="Excluded"/> when the set does not allow the symmetry.</summary>
    private static int Rank(NetworkInfo info, SymmetryInfo symmetry, SymmetrySet set, int batch)
    {
        bool all = set == SymmetrySet.All;
        // Exact groups first (for this batch), the larger before the smaller; an inexact S4 step is
        // usually rejected by the drift guard, so it must not displace the exact diagonal group S2.
        return symmetry.Id switch
        {
            "S1" => 0,
            "S2" => all ? 3 : 1,
            "S3" when all => IsS3ExactOnBatch(info, symmetry.Layer, batch) ? 1 : 6,
            "S4" when all => batch <= symmetry.Width ? 2 : 4,
            "S3" or "S4" => Excluded,
            _ => symmetry.IsExact ? (all ? 5 : 2) : Excluded,
        };
    }

    /// <summary>S3 is exact on the batch when [H 1] can have full row rank: n ≤ fan-in + 1 (n ≤ fan-in without bias).</summary>
    private static bool IsS3ExactOnBatch(NetworkInfo info, int layer, int batch)
    {
        IReadOnlyList<LayerInfo> layers = info.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i].Index == layer)
            {
                return SymmetryKernels.IsDataFullRowRank(batch, layers[i].InputSize, layers[i].HasBias);
            }
        }

        return false;
    }
}
