using System.Numerics;
using System.Runtime.Intrinsics;

namespace Teleport.Optimizers.Lanes;

/// <summary>128-bit registers: <see cref="Vector128{T}.Count"/> elements at a time.</summary>
internal readonly struct Vector128Lanes<T> : ILanes<T, Vector128<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Load(ref T source, nuint index) => Vector128.LoadUnsafe(ref source, index);

    public static void Store(Vector128<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    public static Vector128<T> Add(Vector128<T> x, Vector128<T> y) => x + y;

    public static Vector128<T> Multiply(Vector128<T> x, Vector128<T> y) => x * y;

    public static Vector128<T> Divide(Vector128<T> x, Vector128<T> y) => x / y;

    public static Vector128<T> Negate(Vector128<T> x) => -x;

    public static Vector128<T> Sqrt(Vector128<T> x) => Vector128.Sqrt(x);

    public static Vector128<T> Max(Vector128<T> x, Vector128<T> y) => Vector128.Max(x, y);

    public static Vector128<T> FusedMultiplyAdd(Vector128<T> x, Vector128<T> y, Vector128<T> addend)
    {
        // Only float and double reach here (Optimizer<T> checks); the branch folds away per T.
        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        return Vector128.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>();
    }
}
