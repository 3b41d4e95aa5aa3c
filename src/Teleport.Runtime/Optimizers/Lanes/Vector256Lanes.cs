using System.Numerics;
using System.Runtime.Intrinsics;

namespace Teleport.Optimizers.Lanes;

/// <summary>256-bit registers: <see cref="Vector256{T}.Count"/> elements at a time.</summary>
internal readonly struct Vector256Lanes<T> : ILanes<T, Vector256<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Load(ref T source, nuint index) => Vector256.LoadUnsafe(ref source, index);

    public static void Store(Vector256<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    public static Vector256<T> Add(Vector256<T> x, Vector256<T> y) => x + y;

    public static Vector256<T> Multiply(Vector256<T> x, Vector256<T> y) => x * y;

    public static Vector256<T> Divide(Vector256<T> x, Vector256<T> y) => x / y;

    public static Vector256<T> Negate(Vector256<T> x) => -x;

    public static Vector256<T> Sqrt(Vector256<T> x) => Vector256.Sqrt(x);

    public static Vector256<T> Max(Vector256<T> x, Vector256<T> y) => Vector256.Max(x, y);

    public static Vector256<T> FusedMultiplyAdd(Vector256<T> x, Vector256<T> y, Vector256<T> addend)
    {
        // Only float and double reach here (Optimizer<T> checks); the branch folds away per T.
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        return Vector256.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>();
    }
}
