using System;
using System.Runtime.InteropServices;

namespace Teleport.Benchmarks.Blas;

/// <summary>
/// The thin P/Invoke of OpenBLAS (Debian <c>libopenblas-dev</c>, <c>libopenblas.so.0</c>) the
/// reference benchmark times our products against: <c>cblas_sgemm</c> and the thread-count calls.
/// Benchmark project only — the product never links a BLAS.
/// </summary>
/// <remarks>
/// OpenBLAS is built with DYNAMIC_ARCH and picks its kernels from the CPU when the library loads,
/// unless <c>OPENBLAS_CORETYPE</c> names them. The development machines set
/// <c>OPENBLAS_CORETYPE=Haswell</c> in the environment (AVX2 kernels everywhere), which on the
/// AVX-512 machine (Zen 5, detected as "Cooperlake") halves OpenBLAS's speed: 104 vs 206 GFLOP/s at
/// 512³ on one thread. The reference is the fastest OpenBLAS the machine runs, so
/// <see cref="SelectCore"/> clears that variable before the library loads unless asked to keep it.
/// </remarks>
internal static unsafe partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";

    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    [LibraryImport(Library, EntryPoint = "cblas_sgemm")]
    private static partial void Sgemm(int order, int transA, int transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library, EntryPoint = "openblas_set_num_threads")]
    private static partial void SetNumThreads(int threads);

    [LibraryImport(Library, EntryPoint = "openblas_get_num_threads")]
    private static partial int GetNumThreads();

    [LibraryImport(Library, EntryPoint = "openblas_get_corename")]
    private static partial nint GetCoreName();

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetEnv(string name);

    private static bool s_loaded;

    /// <summary>
    /// Chooses the kernels before the first call loads the library: <paramref name="core"/> null or
    /// "auto" — OpenBLAS's own detection (an inherited OPENBLAS_CORETYPE is cleared); "env" — keep
    /// the environment's OPENBLAS_CORETYPE; any other value — that core name. Returns a description.
    /// </summary>
    public static string SelectCore(string? core)
    {
        if (s_loaded) throw new InvalidOperationException("OpenBLAS is already loaded; its kernels are chosen at load time.");
        // The native environment, which the library's constructor reads (Environment.SetEnvironmentVariable
        // changes only the managed copy on Unix).
        var inherited = GetEnv("OPENBLAS_CORETYPE") is var p && p != 0 ? Marshal.PtrToStringUTF8(p) : null;
        switch (core)
        {
            case "env":
                return inherited is null ? "detected (no OPENBLAS_CORETYPE set)" : $"OPENBLAS_CORETYPE={inherited} from the environment";
            case null or "auto":
                if (inherited is null) return "detected";
                UnsetEnv("OPENBLAS_CORETYPE");
                return $"detected; the environment's OPENBLAS_CORETYPE={inherited} cleared (pass 'env' to keep it)";
            default:
                SetEnv("OPENBLAS_CORETYPE", core, 1);
                return $"OPENBLAS_CORETYPE={core}";
        }
    }

    /// <summary>The kernels the library chose (loads it).</summary>
    public static string CoreName
    {
        get
        {
            s_loaded = true;
            return Marshal.PtrToStringUTF8(GetCoreName()) ?? "?";
        }
    }

    /// <summary>Threads OpenBLAS uses for one call.</summary>
    public static int Threads
    {
        get
        {
            s_loaded = true;
            return GetNumThreads();
        }
        set
        {
            s_loaded = true;
            SetNumThreads(value);
        }
    }

    /// <summary>C = op(A)·op(B) for row-major operands, op = transpose where asked (our NN, NT, TN).</summary>
    public static void Multiply(string kind, float* a, float* b, float* c, int m, int k, int n)
    {
        s_loaded = true;
        bool ta = kind == "TN", tb = kind == "NT";
        Sgemm(RowMajor, ta ? Trans : NoTrans, tb ? Trans : NoTrans, m, n, k,
            1f, a, ta ? m : k, b, tb ? k : n, 0f, c, n);
    }
}
