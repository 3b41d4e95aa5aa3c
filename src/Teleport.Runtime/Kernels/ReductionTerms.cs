using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>One term of a reduction in double: acc ← acc + term(x, y), at every width.</summary>
internal interface IReductionTerm
{
    /// <summary>False when the term ignores y (the reduction then neither loads nor widens it).</summary>
    static abstract bool ReadsY { get; }
    static abstract double Accumulate(double acc, double x, double y);
    static abstract Vector128<double> Accumulate(Vector128<double> acc, Vector128<double> x, Vector128<double> y);
    static abstract Vector256<double> Accumulate(Vector256<double> acc, Vector256<double> x, Vector256<double> y);
    static abstract Vector512<double> Accumulate(Vector512<double> acc, Vector512<double> x, Vector512<double> y);
}

/// <summary>acc + x·y (fused where the hardware fuses; for float inputs x·y is exact in double either way).</summary>
internal readonly struct DotTerm : IReductionTerm
{
    public static bool ReadsY => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Accumulate(double acc, double x, double y) => SimdScalar<double>.MultiplyAdd(x, y, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Accumulate(Vector128<double> acc, Vector128<double> x, Vector128<double> y) => Simd128<double>.MultiplyAdd(x, y, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Accumulate(Vector256<double> acc, Vector256<double> x, Vector256<double> y) => Simd256<double>.MultiplyAdd(x, y, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Accumulate(Vector512<double> acc, Vector512<double> x, Vector512<double> y) => Simd512<double>.MultiplyAdd(x, y, acc);
}

/// <summary>acc + (x − y)² (the squared error of MSE).</summary>
internal readonly struct SquaredDifferenceTerm : IReductionTerm
{
    public static bool ReadsY => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Accumulate(double acc, double x, double y) { double d = x - y; return SimdScalar<double>.MultiplyAdd(d, d, acc); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Accumulate(Vector128<double> acc, Vector128<double> x, Vector128<double> y) { var d = x - y; return Simd128<double>.MultiplyAdd(d, d, acc); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Accumulate(Vector256<double> acc, Vector256<double> x, Vector256<double> y) { var d = x - y; return Simd256<double>.MultiplyAdd(d, d, acc); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Accumulate(Vector512<double> acc, Vector512<double> x, Vector512<double> y) { var d = x - y; return Simd512<double>.MultiplyAdd(d, d, acc); }
}

/// <summary>acc + x (y ignored).</summary>
internal readonly struct SumTerm : IReductionTerm
{
    public static bool ReadsY => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Accumulate(double acc, double x, double y) => acc + x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Accumulate(Vector128<double> acc, Vector128<double> x, Vector128<double> y) => acc + x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Accumulate(Vector256<double> acc, Vector256<double> x, Vector256<double> y) => acc + x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Accumulate(Vector512<double> acc, Vector512<double> x, Vector512<double> y) => acc + x;
}

/// <summary>acc + x·x (y ignored): the same bits as <see cref="DotTerm"/> on (x, x), reading x once.</summary>
internal readonly struct SquareTerm : IReductionTerm
{
    public static bool ReadsY => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Accumulate(double acc, double x, double y) => SimdScalar<double>.MultiplyAdd(x, x, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Accumulate(Vector128<double> acc, Vector128<double> x, Vector128<double> y) => Simd128<double>.MultiplyAdd(x, x, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Accumulate(Vector256<double> acc, Vector256<double> x, Vector256<double> y) => Simd256<double>.MultiplyAdd(x, x, acc);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Accumulate(Vector512<double> acc, Vector512<double> x, Vector512<double> y) => Simd512<double>.MultiplyAdd(x, x, acc);
}
