using System;
using System.Numerics;

namespace Teleport.Kernels;

// A packed once for a product split by columns, by both threads.
internal static unsafe partial class GemmDriver
{
    /// <summary>
    /// All of A packed once for the column chunks of a split product (<see cref="PackedABlockOffset"/>'s layout), by
    /// the caller and the acquired worker (released when done), in ranges of MR-row panels: each panel is packed for
    /// every depth block by one thread, exactly as <see cref="GemmPacking.PackA"/> packs it within its block, so the
    /// packed A — and every product read from it — is the same whoever packed it.
    /// </summary>
    /// <remarks>
    /// The caller used to pack all of A alone before the column chunks opened, while the worker waited. Measured in one
    /// process on an AVX2 VM, two threads, the two ways alternated over 10 and 12 rounds (medians of 41 calls each):
    /// NT 128×784×512 (the wide step's X·W0ᵀ) 647 / 671 µs against 654 / 674 µs (faster in 6 of 10, 10 of 12 rounds),
    /// NT 128×512×512 406 / 401 against 405 / 403 µs (6 of 10, 6 of 12), NN 128×512×512 (δ·W1) 410 / 404 against
    /// 414 / 451 µs (8 of 10, 11 of 12), NT 512³ 1558 / 1595 against 1592 / 1626 µs (8 of 10, 10 of 12): a small gain,
    /// never a loss beyond the noise; the second hand-over to the worker costs a few microseconds.
    /// </remarks>
    private static T* PackAllAOnBothThreads<T>(MatrixOperand<T> a, int m, int k, int mr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (blocks, padded) = RowBlocks<T>(m, mr);
        T* all = GemmBuffers<T>.PackedA((nint)k * blocks * padded);
        var pass = new PackAPanels<T>(a, m, k, mr, all);
        if (!RangeSplit.Enabled)
        {
            pass.Run(0, pass.Panels);
            GemmParallel.Release();
            return all;
        }
        RangeJob<PackAPanels<T>>.Run(pass, pass.Panels, Math.Min(GemmParallel.MaxChunks, pass.Panels), alignment: 1);
        return all;
    }

    /// <summary>
    /// Panels [from, to) of A in <see cref="PackedABlockOffset"/>'s layout. Panel f is panel f mod P of row block f / P, with P
    /// = ⌈MC / MR⌉ panels in a whole row block (the last block may hold fewer): its rows are never split across blocks,
    /// even when MR does not divide MC.
    /// </summary>
    private readonly struct PackAPanels<T>(MatrixOperand<T> a, int m, int k, int mr, T* all) : IRangePass
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static int PanelsPerBlock(int mr) => (RowBlock<T>() + mr - 1) / mr;

        /// <summary>Panels over all row blocks (the count for <see cref="Run"/>).</summary>
        public int Panels
        {
            get
            {
                int mc = RowBlock<T>(), full = PanelsPerBlock(mr);
                int lastRows = m - (m - 1) / mc * mc;
                return (m - 1) / mc * full + (lastRows + mr - 1) / mr;
            }
        }

        public void Run(long from, long to)
        {
            int mcMax = RowBlock<T>(), kcMax = BlockDepth(k), full = PanelsPerBlock(mr);
            for (long f = from; f < to; f++)
            {
                int ic = (int)(f / full) * mcMax;
                int ip = (int)(f % full) * mr;
                int rows = Math.Min(mr, Math.Min(mcMax, m - ic) - ip);
                for (int pc = 0; pc < k; pc += kcMax)
                {
                    int kc = Math.Min(kcMax, k - pc);
                    GemmPacking.PackA(a, ic + ip, rows, pc, kc, mr, all + PackedABlockOffset<T>(m, pc, kc, ic, mr) + (nint)ip * kc);
                }
            }
        }
    }
}
