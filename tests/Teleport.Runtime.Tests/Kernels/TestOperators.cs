using System.Numerics;
using System.Runtime.Intrinsics;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

// Operators for the elementwise driver tests; none is idempotent, so a tail that re-reads an
// already written (aliased) element gives a wrong answer.

/// <summary>2x + 1.</summary>
internal readonly struct AffineOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    private static T Two => T.One + T.One;
    public static T Invoke(T x) => Two * x + T.One;
    public static Vector128<T> Invoke(Vector128<T> x) => Vector128.Create(Two) * x + Vector128<T>.One;
    public static Vector256<T> Invoke(Vector256<T> x) => Vector256.Create(Two) * x + Vector256<T>.One;
    public static Vector512<T> Invoke(Vector512<T> x) => Vector512.Create(Two) * x + Vector512<T>.One;
}

/// <summary>x·y − x.</summary>
internal readonly struct ProductMinusOperator<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x, T y) => x * y - x;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => x * y - x;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x * y - x;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x * y - x;
}

/// <summary>x·y + z + 1.</summary>
internal readonly struct MultiplyAddOneOperator<T> : ITernaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x, T y, T z) => x * y + z + T.One;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y, Vector128<T> z) => x * y + z + Vector128<T>.One;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> z) => x * y + z + Vector256<T>.One;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y, Vector512<T> z) => x * y + z + Vector512<T>.One;
}

/// <summary>(x − y)·z + w (a leaky-ReLU-style backward step has this shape).</summary>
internal readonly struct DifferenceScaleAddOperator<T> : IQuaternaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x, T y, T z, T w) => (x - y) * z + w;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y, Vector128<T> z, Vector128<T> w) => (x - y) * z + w;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> z, Vector256<T> w) => (x - y) * z + w;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y, Vector512<T> z, Vector512<T> w) => (x - y) * z + w;
}
