using System.Numerics;
using System.Runtime.CompilerServices;

namespace Teleport.Optimizers.Lanes;

/// <summary>One element at a time: the tail after the vector loops, and the whole span without SIMD.</summary>
internal readonly struct ScalarLanes<T> : ILanes<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static T Load(ref T source, nuint index) => Unsafe.Add(ref source, index);

    public static void Store(T value, ref T destination, nuint index) => Unsafe.Add(ref destination, index) = value;

    public static T Broadcast(T value) => value;

    public static T Add(T x, T y) => x + y;

    public static T Multiply(T x, T y) => x * y;

    public static T Divide(T x, T y) => x / y;

    public static T Negate(T x) => -x;

    public static T Sqrt(T x) => T.Sqrt(x);

    public static T Max(T x, T y) => T.Max(x, y);

    public static T FusedMultiplyAdd(T x, T y, T addend) => T.FusedMultiplyAdd(x, y, addend);
}
