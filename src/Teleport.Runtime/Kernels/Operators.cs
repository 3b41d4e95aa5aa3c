using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

// Kernels in the TensorPrimitives operator-struct style: a tiny readonly struct gives the scalar
// and the 128/256/512-bit form of one elementwise function, and a shared driver in Elementwise
// runs it over spans with 512→256→128→scalar dispatch. The generator emits such structs for every
// derived formula (σ, σ′, σ″, fused backward and tangent expressions).

/// <summary>An elementwise function of one argument.</summary>
public interface IUnaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T x);
    static abstract Vector128<T> Invoke(Vector128<T> x);
    static abstract Vector256<T> Invoke(Vector256<T> x);
    static abstract Vector512<T> Invoke(Vector512<T> x);
}

/// <summary>An elementwise function of two arguments.</summary>
public interface IBinaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T x, T y);
    static abstract Vector128<T> Invoke(Vector128<T> x, Vector128<T> y);
    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);
    static abstract Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}

/// <summary>An elementwise function of three arguments.</summary>
public interface ITernaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T x, T y, T z);
    static abstract Vector128<T> Invoke(Vector128<T> x, Vector128<T> y, Vector128<T> z);
    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> z);
    static abstract Vector512<T> Invoke(Vector512<T> x, Vector512<T> y, Vector512<T> z);
}

/// <summary>An elementwise function of four arguments.</summary>
public interface IQuaternaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T x, T y, T z, T w);
    static abstract Vector128<T> Invoke(Vector128<T> x, Vector128<T> y, Vector128<T> z, Vector128<T> w);
    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> z, Vector256<T> w);
    static abstract Vector512<T> Invoke(Vector512<T> x, Vector512<T> y, Vector512<T> z, Vector512<T> w);
}
