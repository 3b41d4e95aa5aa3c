using System;
using System.Numerics;

namespace Teleport.Teleportation;

/// <summary>
/// Where one symmetry's orbit derivatives go (<see cref="OrbitKernels"/>): the first three derivatives at t = 0 of
/// its curve γ(t) = exp(tM)·θ on the hidden layer's V [k×d] and b [k] (empty without a bias), and of the k×k right
/// factor P(t) through which the curve moves the next layer's weights, U(t) = U·P(t) (P(0) = I).
/// </summary>
/// <remarks>
/// Every action keeps U's part as a right factor (S1, S2, S3: P = e^{−tM}; S4: P = I + (A − A(t))·A(t)⁺), so a
/// matrix that is one symmetry's U and the next one's V composes by the product rule
/// (<see cref="OrbitKernels.ComposeRightFactor{T}"/>). The third-order spans may be empty: the kernels then stop at
/// the second order.
/// </remarks>
public readonly ref struct OrbitJet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An empty jet; set the spans with an object initializer.</summary>
    public OrbitJet()
    {
    }

    /// <summary>V′(0) [k×d].</summary>
    public Span<T> V1 { get; init; }

    /// <summary>V″(0) [k×d].</summary>
    public Span<T> V2 { get; init; }

    /// <summary>V‴(0) [k×d], or empty to stop at the second order.</summary>
    public Span<T> V3 { get; init; }

    /// <summary>b′(0) [k], empty without a bias.</summary>
    public Span<T> B1 { get; init; }

    /// <summary>b″(0) [k], empty without a bias.</summary>
    public Span<T> B2 { get; init; }

    /// <summary>b‴(0) [k], empty without a bias or at second order.</summary>
    public Span<T> B3 { get; init; }

    /// <summary>P′(0) [k×k].</summary>
    public Span<T> P1 { get; init; }

    /// <summary>P″(0) [k×k].</summary>
    public Span<T> P2 { get; init; }

    /// <summary>P‴(0) [k×k], or empty at second order.</summary>
    public Span<T> P3 { get; init; }

    /// <summary>3 when the third-order spans are given, else 2.</summary>
    public int Order => V3.IsEmpty ? 2 : 3;

    /// <summary>Checks every span against k, d and the bias flag.</summary>
    internal void Check(int k, int d, bool hasBias)
    {
        SymmetryArguments.Matrix(V1.Length, k, d, nameof(V1));
        SymmetryArguments.Matrix(V2.Length, k, d, nameof(V2));
        SymmetryArguments.Bias(B1.Length, k, hasBias, nameof(B1));
        SymmetryArguments.Bias(B2.Length, k, hasBias, nameof(B2));
        SymmetryArguments.Matrix(P1.Length, k, k, nameof(P1));
        SymmetryArguments.Matrix(P2.Length, k, k, nameof(P2));
        if (Order == 3)
        {
            SymmetryArguments.Matrix(V3.Length, k, d, nameof(V3));
            SymmetryArguments.Bias(B3.Length, k, hasBias, nameof(B3));
            SymmetryArguments.Matrix(P3.Length, k, k, nameof(P3));
        }
    }

    /// <summary>V^(j)(0), j = 1, 2, 3.</summary>
    internal Span<T> V(int order) => order switch { 1 => V1, 2 => V2, _ => V3 };

    /// <summary>b^(j)(0), j = 1, 2, 3.</summary>
    internal Span<T> B(int order) => order switch { 1 => B1, 2 => B2, _ => B3 };

    /// <summary>P^(j)(0), j = 1, 2, 3.</summary>
    internal Span<T> P(int order) => order switch { 1 => P1, 2 => P2, _ => P3 };
}
