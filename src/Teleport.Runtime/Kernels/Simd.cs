using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Teleport.Kernels;

/// <summary>
/// The vector operations of one width as static members, so a kernel written once over
/// <typeparamref name="TVec"/> is specialised by the JIT for every width (and for the scalar "width" 1).
/// </summary>
internal unsafe interface ISimd<T, TVec> where T : unmanaged where TVec : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }
    static abstract TVec Zero { get; }
    static abstract TVec Load(T* source);
    static abstract void Store(TVec value, T* destination);
    /// <summary>Loads the first <paramref name="count"/> (1 … Count − 1) lanes, zeroes the rest, reads nothing past them.</summary>
    static abstract TVec LoadPartial(T* source, int count);
    /// <summary>Stores the first <paramref name="count"/> (1 … Count − 1) lanes, writes nothing past them.</summary>
    static abstract void StorePartial(TVec value, T* destination, int count);
    /// <summary>Every lane = <c>*source</c>.</summary>
    static abstract TVec Broadcast(T* source);
    /// <summary><c>left·right + addend</c>, fused where the hardware fuses (<see cref="SimdSupport.HasFusedMultiplyAdd"/>).</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);
    static abstract TVec Add(TVec left, TVec right);
    /// <summary>Sum of the lanes in a fixed order.</summary>
    static abstract T Sum(TVec value);
}

/// <summary>512-bit vectors.</summary>
internal readonly unsafe struct Simd512<T> : ISimd<T, Vector512<T>> where T : unmanaged
{
    public static int Count => Vector512<T>.Count;
    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LoadPartial(T* source, int count)
    {
        if (Avx512F.IsSupported)
        {
            if (typeof(T) == typeof(float)) return Avx512F.MaskLoad((float*)source, Mask512F(count), Vector512<float>.Zero).As<float, T>();
            if (typeof(T) == typeof(double)) return Avx512F.MaskLoad((double*)source, Mask512D(count), Vector512<double>.Zero).As<double, T>();
        }
        Vector512<T> result = Vector512<T>.Zero;
        T* lanes = (T*)&result;
        for (int i = 0; i < count; i++) lanes[i] = source[i];
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Vector512<T> value, T* destination, int count)
    {
        if (Avx512F.IsSupported)
        {
            if (typeof(T) == typeof(float)) { Avx512F.MaskStore((float*)destination, Mask512F(count), value.AsSingle()); return; }
            if (typeof(T) == typeof(double)) { Avx512F.MaskStore((double*)destination, Mask512D(count), value.AsDouble()); return; }
        }
        T* lanes = (T*)&value;
        for (int i = 0; i < count; i++) destination[i] = lanes[i];
    }

    private static Vector512<float> Mask512F(int count) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
    private static Vector512<double> Mask512D(int count) => Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T* source) => Vector512.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
    {
        if (SimdSupport.HasFusedMultiplyAdd)
        {
            if (typeof(T) == typeof(float))
                return Vector512.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector512.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }
        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> value) => Vector512.Sum(value);
}

/// <summary>256-bit vectors.</summary>
internal readonly unsafe struct Simd256<T> : ISimd<T, Vector256<T>> where T : unmanaged
{
    public static int Count => Vector256<T>.Count;
    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(T* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LoadPartial(T* source, int count)
    {
        if (Avx.IsSupported)
        {
            if (typeof(T) == typeof(float)) return Avx.MaskLoad((float*)source, Mask256F(count)).As<float, T>();
            if (typeof(T) == typeof(double)) return Avx.MaskLoad((double*)source, Mask256D(count)).As<double, T>();
        }
        Vector256<T> result = Vector256<T>.Zero;
        T* lanes = (T*)&result;
        for (int i = 0; i < count; i++) lanes[i] = source[i];
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Vector256<T> value, T* destination, int count)
    {
        // Not Avx.MaskStore: on AMD Zen it costs ~20 cycles; a spill and a few scalar moves cost less.
        T* lanes = (T*)&value;
        for (int i = 0; i < count; i++) destination[i] = lanes[i];
    }

    private static Vector256<float> Mask256F(int count) => Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle();
    private static Vector256<double> Mask256D(int count) => Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)count)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T* source) => Vector256.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> left, Vector256<T> right, Vector256<T> addend)
    {
        if (SimdSupport.HasFusedMultiplyAdd)
        {
            if (typeof(T) == typeof(float))
                return Vector256.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector256.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }
        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> value) => Vector256.Sum(value);
}

/// <summary>128-bit vectors.</summary>
internal readonly unsafe struct Simd128<T> : ISimd<T, Vector128<T>> where T : unmanaged
{
    public static int Count => Vector128<T>.Count;
    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(T* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LoadPartial(T* source, int count)
    {
        if (Avx.IsSupported)
        {
            if (typeof(T) == typeof(float)) return Avx.MaskLoad((float*)source, Mask128F(count)).As<float, T>();
            if (typeof(T) == typeof(double)) return Avx.MaskLoad((double*)source, Mask128D(count)).As<double, T>();
        }
        Vector128<T> result = Vector128<T>.Zero;
        T* lanes = (T*)&result;
        for (int i = 0; i < count; i++) lanes[i] = source[i];
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Vector128<T> value, T* destination, int count)
    {
        // Not Avx.MaskStore: on AMD Zen it costs ~20 cycles; a spill and a few scalar moves cost less.
        T* lanes = (T*)&value;
        for (int i = 0; i < count; i++) destination[i] = lanes[i];
    }

    private static Vector128<float> Mask128F(int count) => Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(count)).AsSingle();
    private static Vector128<double> Mask128D(int count) => Vector128.LessThan(Vector128<long>.Indices, Vector128.Create((long)count)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T* source) => Vector128.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (SimdSupport.HasFusedMultiplyAdd)
        {
            if (typeof(T) == typeof(float))
                return Vector128.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector128.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }
        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> value) => Vector128.Sum(value);
}

/// <summary>The scalar "vector" of one lane: the portable fallback, same kernels.</summary>
internal readonly unsafe struct SimdScalar<T> : ISimd<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => 1;
    public static T Zero => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(T* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, T* destination) => *destination = value;

    public static T LoadPartial(T* source, int count) => count > 0 ? *source : T.Zero;

    public static void StorePartial(T value, T* destination, int count)
    {
        if (count > 0) *destination = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T left, T right, T addend) =>
        SimdSupport.HasFusedMultiplyAdd ? T.FusedMultiplyAdd(left, right, addend) : left * right + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T left, T right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(T value) => value;
}

