using System;
using System.Numerics;

namespace Teleport.LinearAlgebra;

/// <summary>
/// The ridge (Tikhonov shift) <see cref="Cholesky"/> adds to the diagonal before factoring:
/// <c>λ = Relative · max(trace(M), 0)/n + Absolute</c>, i.e. <see cref="Relative"/> times the mean
/// diagonal plus an absolute floor. The factored matrix is M + λI.
/// </summary>
/// <remarks>
/// Gram matrices such as A·Aᵀ are positive semidefinite; rounding or a rank deficit can make them
/// numerically indefinite. A small relative ridge keeps them factorable at a bias of about
/// <see cref="Relative"/> in the smallest eigenvalues, and the floor handles an all-zero matrix.
/// <see cref="None"/> (the default) factors M itself.
/// </remarks>
public readonly record struct CholeskyRidge
{
    /// <summary>A ridge of <paramref name="relative"/> × mean diagonal + <paramref name="absolute"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative, NaN or infinite value.</exception>
    public CholeskyRidge(double relative, double absolute = 0)
    {
        if (!(relative >= 0) || double.IsInfinity(relative))
        {
            throw new ArgumentOutOfRangeException(nameof(relative), relative, "The relative ridge must be finite and ≥ 0.");
        }

        if (!(absolute >= 0) || double.IsInfinity(absolute))
        {
            throw new ArgumentOutOfRangeException(nameof(absolute), absolute, "The absolute ridge must be finite and ≥ 0.");
        }

        Relative = relative;
        Absolute = absolute;
    }

    /// <summary>Multiplies the mean diagonal.</summary>
    public double Relative { get; }

    /// <summary>Added as is (the floor).</summary>
    public double Absolute { get; }

    /// <summary>No ridge: factor the matrix as given.</summary>
    public static CholeskyRidge None => default;

    /// <summary>
    /// The ridge Teleport uses for pseudo-inverses in precision <typeparamref name="T"/>:
    /// relative √ε (3.5e-4 for float, 1.5e-8 for double) and absolute ε² , with ε machine epsilon.
    /// </summary>
    public static CholeskyRidge Recommended<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double epsilon = double.CreateTruncating(Precision<T>.Epsilon);
        return new CholeskyRidge(Math.Sqrt(epsilon), epsilon * epsilon);
    }

    /// <summary>λ for an n×n matrix with the given trace.</summary>
    public T Lambda<T>(T trace, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T relative = n == 0 || !(trace > T.Zero) ? T.Zero : T.CreateTruncating(Relative) * trace / T.CreateTruncating(n);
        return relative + T.CreateTruncating(Absolute);
    }
}
