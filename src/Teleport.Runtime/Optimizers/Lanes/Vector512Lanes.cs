using System.Numerics;
using System.Runtime.Intrinsics;

namespace Teleport.Optimizers.Lanes;

/// <summary>512-bit registers: <see cref="Vector512{T}.Count"/> elements at a time.</summary>
internal readonly struct Vector512Lanes<T> : ILanes<T, Vector512<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Load(ref T source, nuint index) => Vector512.LoadUnsafe(ref source, index);

    public static void Store(Vector512<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    public static Vector512<T> Add(Vector512<T> x, Vector512<T> y) => x + y;

    public static Vector512<T> Multiply(Vector512<T> x, Vector512<T> y) => x * y;

    public static Vector512<T> Divide(Vector512<T> x, Vector512<T> y) => x / y;

    public static Vector512<T> Negate(Vector512<T> x) => -x;

    public static Vector512<T> Sqrt(Vector512<T> x) => Vector512.Sqrt(x);

    public static Vector512<T> Max(Vector512<T> x, Vector512<T> y) => Vector512.Max(x, y);

    public static Vector512<T> FusedMultiplyAdd(Vector512<T> x, Vector512<T> y, Vector512<T> addend)
    {
        // Only float and double reach here (Optimizer<T> checks); the branch folds away per T.
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>();
    }
}
