using BenchmarkDotNet.Running;
using Teleport.Benchmarks.Kernels;

namespace Teleport.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project tests/Teleport.Benchmarks -- --filter '*'</c>.
/// <c>-- quick-gemm [filter|*] [threads] [path]</c> runs the fast manual matrix-product timer instead;
/// <c>-- quick-cnn [rounds]</c> times paper-cnn's step and teleport objective kernel by kernel (<see cref="Training.QuickCnn"/>);
/// <c>-- quick-bytes [rounds]</c> times the paper network's input products read from bytes against converting first (<see cref="QuickBytes"/>);
/// <c>-- quick-conv [rounds]</c> times the forward convolution by im2col + GEMM against a direct kernel (<see cref="QuickConvolution"/>);
/// <c>-- quick-meta [reps] [out.json]</c> times the learning-to-teleport loop (<see cref="MetaLearning.QuickMeta"/>);
/// <c>-- vs-openblas [rounds] [threads] [core] [filter|*] [auto|avx2]</c> times our products against OpenBLAS (<see cref="Blas.BlasComparison"/>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick-gemm")
        {
            // Tuning only: a fourth argument forces a path (Direct, Packed, Dot) on this thread.
            if (args.Length > 3) Teleport.Kernels.GemmPathOverride.Forced = System.Enum.Parse<Teleport.Kernels.GemmPath>(args[3]);
            if (args.Length > 2) Teleport.Kernels.MatrixMultiply.MaxThreads = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
            QuickGemmTimer.Run(args.Length > 1 && args[1] != "*" ? args[1] : null);
            return;
        }
        if (args.Length > 0 && args[0] == "vs-openblas")
        {
            // -- vs-openblas [rounds] [threads: 1,2] [OpenBLAS kernels: auto|env|NAME] [filter|*] [ours: auto|avx2|direct|packed, comma-separated]
            var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
            var threads = args.Length > 2 ? System.Array.ConvertAll(args[2].Split(','), t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)) : [1, 2];
            var core = args.Length > 3 ? args[3] : null;
            var filter = args.Length > 4 && args[4] != "*" ? args[4] : null;
            foreach (var choice in args.Length > 5 ? args[5].Split(',') : [])
            {
                if (choice == "avx2")
                {
                    // What an AVX2-only machine runs: 256-bit vectors, 6-row tiles (set on this thread; a split
                    // product hands both to the worker).
                    Teleport.Kernels.SimdSupport.Forced = Teleport.Kernels.SimdWidth.Vector256;
                    Teleport.Kernels.GemmPathOverride.ForcedTileRows = Teleport.Kernels.GemmMicroKernel.ShortRows;
                }
                else if (System.Enum.TryParse<Teleport.Kernels.GemmPath>(choice, ignoreCase: true, out var forcedPath))
                {
                    Teleport.Kernels.GemmPathOverride.Forced = forcedPath; // tuning: one path for every shape
                }
            }
            Blas.BlasComparison.Run(rounds, threads, core, filter);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-parts")
        {
            Training.QuickParts.Run(args.Length > 1 && args[1] != "*" ? args[1] : null);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-epochs")
        {
            Training.QuickEpochs.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-wide")
        {
            Training.QuickWide.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-bytes")
        {
            QuickBytes.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-conv")
        {
            QuickConvolution.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-meta")
        {
            // -- quick-meta [reps] [out.json]: the learning-to-teleport loop, as docs/experiments/meta_vs_pytorch.py
            MetaLearning.QuickMeta.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20, args.Length > 2 ? args[2] : null);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-cnn")
        {
            Training.QuickCnn.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }
        if (args.Length > 0 && args[0] == "quick-train")
        {
            Training.QuickTimer.Run(args.Length > 1 && args[1] != "*" ? args[1] : null);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
