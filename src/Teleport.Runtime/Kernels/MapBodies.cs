using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// What the elementwise driver computes at index i, at each width: an operator applied to the
/// inputs' elements (or vectors) starting at i. One body per arity; the driver is written once.
/// </summary>
internal unsafe interface IMapBody<T> where T : unmanaged
{
    T At(nint i);
    Vector128<T> At128(nint i);
    Vector256<T> At256(nint i);
    Vector512<T> At512(nint i);
}

internal readonly unsafe struct UnaryBody<T, TOp> : IMapBody<T> where T : unmanaged where TOp : IUnaryOperator<T>
{
    private readonly T* _x;

    public UnaryBody(T* x) => _x = x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T At(nint i) => TOp.Invoke(_x[i]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector128<T> At128(nint i) => TOp.Invoke(Vector128.Load(_x + i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> At256(nint i) => TOp.Invoke(Vector256.Load(_x + i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> At512(nint i) => TOp.Invoke(Vector512.Load(_x + i));
}

internal readonly unsafe struct BinaryBody<T, TOp> : IMapBody<T> where T : unmanaged where TOp : IBinaryOperator<T>
{
    private readonly T* _x, _y;

    public BinaryBody(T* x, T* y)
    {
        _x = x;
        _y = y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T At(nint i) => TOp.Invoke(_x[i], _y[i]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector128<T> At128(nint i) => TOp.Invoke(Vector128.Load(_x + i), Vector128.Load(_y + i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> At256(nint i) => TOp.Invoke(Vector256.Load(_x + i), Vector256.Load(_y + i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> At512(nint i) => TOp.Invoke(Vector512.Load(_x + i), Vector512.Load(_y + i));
}

internal readonly unsafe struct TernaryBody<T, TOp> : IMapBody<T> where T : unmanaged where TOp : ITernaryOperator<T>
{
    private readonly T* _x, _y, _z;

    public TernaryBody(T* x, T* y, T* z)
    {
        _x = x;
        _y = y;
        _z = z;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T At(nint i) => TOp.Invoke(_x[i], _y[i], _z[i]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector128<T> At128(nint i) => TOp.Invoke(Vector128.Load(_x + i), Vector128.Load(_y + i), Vector128.Load(_z + i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> At256(nint i) => TOp.Invoke(Vector256.Load(_x + i), Vector256.Load(_y + i), Vector256.Load(_z + i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> At512(nint i) => TOp.Invoke(Vector512.Load(_x + i), Vector512.Load(_y + i), Vector512.Load(_z + i));
}

internal readonly unsafe struct QuaternaryBody<T, TOp> : IMapBody<T> where T : unmanaged where TOp : IQuaternaryOperator<T>
{
    private readonly T* _x, _y, _z, _w;

    public QuaternaryBody(T* x, T* y, T* z, T* w)
    {
        _x = x;
        _y = y;
        _z = z;
        _w = w;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public T At(nint i) => TOp.Invoke(_x[i], _y[i], _z[i], _w[i]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector128<T> At128(nint i) => TOp.Invoke(Vector128.Load(_x + i), Vector128.Load(_y + i), Vector128.Load(_z + i), Vector128.Load(_w + i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector256<T> At256(nint i) => TOp.Invoke(Vector256.Load(_x + i), Vector256.Load(_y + i), Vector256.Load(_z + i), Vector256.Load(_w + i));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Vector512<T> At512(nint i) => TOp.Invoke(Vector512.Load(_x + i), Vector512.Load(_y + i), Vector512.Load(_z + i), Vector512.Load(_w + i));
}
