using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>x + y, as an operator struct for the elementwise driver.</summary>
internal readonly struct AddOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Invoke(T x, T y) => x + y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => x + y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x + y;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x + y;
}
