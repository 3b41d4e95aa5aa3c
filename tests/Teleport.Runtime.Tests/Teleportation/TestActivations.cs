using System.Numerics;
using System.Runtime.Intrinsics;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Teleportation;

// Small operator structs for the activations the symmetry tests use: σ, σ′, σ″ and σ⁻¹ of
// identity, leaky_relu(0.1), tanh and softplus. The vector forms apply the scalar lane by lane
// (the kernels under test call the scalar form).

internal static class Lanes
{
    public static Vector128<T> Map<T, TOperator>(Vector128<T> x)
        where T : unmanaged
        where TOperator : IUnaryOperator<T>
    {
        for (int i = 0; i < Vector128<T>.Count; i++)
        {
            x = x.WithElement(i, TOperator.Invoke(x.GetElement(i)));
        }

        return x;
    }

    public static Vector256<T> Map256<T, TOperator>(Vector256<T> x)
        where T : unmanaged
        where TOperator : IUnaryOperator<T> => Vector256.Create(Map<T, TOperator>(x.GetLower()), Map<T, TOperator>(x.GetUpper()));

    public static Vector512<T> Map512<T, TOperator>(Vector512<T> x)
        where T : unmanaged
        where TOperator : IUnaryOperator<T> => Vector512.Create(Map256<T, TOperator>(x.GetLower()), Map256<T, TOperator>(x.GetUpper()));
}

/// <summary>A scalar function lifted to the operator interface.</summary>
internal interface IScalar<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract T Apply(T x);
}

internal readonly struct Op<T, TScalar> : IUnaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TScalar : IScalar<T>
{
    public static T Invoke(T x) => TScalar.Apply(x);

    public static Vector128<T> Invoke(Vector128<T> x) => Lanes.Map<T, Op<T, TScalar>>(x);

    public static Vector256<T> Invoke(Vector256<T> x) => Lanes.Map256<T, Op<T, TScalar>>(x);

    public static Vector512<T> Invoke(Vector512<T> x) => Lanes.Map512<T, Op<T, TScalar>>(x);
}

internal readonly struct IdentityF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T> { public static T Apply(T x) => x; }

internal readonly struct OneF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T> { public static T Apply(T x) => T.One; }

internal readonly struct ZeroF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T> { public static T Apply(T x) => T.Zero; }

internal readonly struct LeakyReluF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly T Slope = T.CreateTruncating(0.1);

    public static T Apply(T x) => x > T.Zero ? x : Slope * x;
}

internal readonly struct LeakyReluDerivativeF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => x > T.Zero ? T.One : LeakyReluF<T>.Slope;
}

internal readonly struct LeakyReluInverseF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T y) => y > T.Zero ? y : y / LeakyReluF<T>.Slope;
}

internal readonly struct TanhF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T> { public static T Apply(T x) => T.Tanh(x); }

internal readonly struct TanhDerivativeF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x)
    {
        T t = T.Tanh(x);
        return T.One - t * t;
    }
}

internal readonly struct TanhSecondF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x)
    {
        T t = T.Tanh(x);
        return -(t + t) * (T.One - t * t);
    }
}

internal readonly struct AtanhF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T> { public static T Apply(T y) => T.Atanh(y); }

internal readonly struct SoftplusF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Max(x, T.Zero) + T.LogP1(T.Exp(-T.Abs(x)));
}

internal readonly struct SigmoidF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.One / (T.One + T.Exp(-x));
}

internal readonly struct SigmoidDerivativeF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x)
    {
        T s = SigmoidF<T>.Apply(x);
        return s * (T.One - s);
    }
}

/// <summary>softplus⁻¹(y) = log(expm1(y)): NaN or −∞ for y ≤ 0, outside softplus's range.</summary>
internal readonly struct SoftplusInverseF<T> : IScalar<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T y) => y + T.Log(-T.ExpM1(-y));
}
