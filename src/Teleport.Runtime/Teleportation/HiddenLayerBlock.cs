using System;
using System.Numerics;

namespace Teleport.Teleportation;

/// <summary>
/// One hidden layer as the symmetry kernels see it (docs/ARCHITECTURE.md, "Symmetries"; row-major — the paper's
/// transpose): hidden layer i with V = Wᵢ [k×d] and b = bᵢ [k] (empty without a bias), the next
/// layer's U = Wᵢ₊₁ [m×k·r] where unit j owns the r = <see cref="UColumnGroup"/> columns j·r … j·r + r − 1 (r = 1
/// between dense layers); the gradients G_V, G_b, G_U of a scalar f with respect to them; and the
/// layer's forward pass on a batch of n samples: its input H [n×d], Z = H·Vᵀ + 1·bᵀ and A = σ(Z) [n×k];
/// and σ's range.
/// </summary>
/// <remarks>
/// <para>
/// Each kernel reads the fields its formula needs, checks their lengths and names the field when one
/// is wrong; the others may stay empty. Actions write V, b and U (all or nothing); a transport reads
/// and writes a covector with the parameters' shape through V, b and U.
/// </para>
/// <para>
/// A caller that knows a product more cheaply than the kernel (a teleport session, for the input
/// layer) passes it ready-made: <see cref="GradVTimesVt"/> (S1, S4), <see cref="GradVDotV"/> (S2),
/// <see cref="GradVTimesHt"/> with <see cref="InputGram"/> (S3); the kernel then never reads G_V, V or
/// H for that term, so the wide d-dimensional side is never touched.
/// </para>
/// </remarks>
public readonly ref struct HiddenLayerBlock<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An empty block; set the fields with an object initializer.</summary>
    public HiddenLayerBlock()
    {
    }

    /// <summary>k, the hidden layer's width.</summary>
    public int Width { get; init; }

    /// <summary>d, its fan-in.</summary>
    public int InputSize { get; init; }

    /// <summary>m, the next layer's width.</summary>
    public int NextWidth { get; init; }

    /// <summary>
    /// r ≥ 1, the columns of U each unit owns: U is [m×k·r] and unit j's columns are j·r … j·r + r − 1. 1 (the
    /// default) between dense layers; for a convolution's output channels, k′² when the next layer is a k′×k′
    /// convolution (its weight [m, k, k′, k′] read as [m, k·k′²]) and H·W when a dense layer reads the flattened
    /// [k, H, W] image. The exact actions then scale or mix whole groups: U → U·(D⁻¹ ⊗ I_r), U → U·(g⁻¹ ⊗ I_r).
    /// The data-dependent kernels (S3, S4) take r = 1 only.
    /// </summary>
    public int UColumnGroup { get; init; } = 1;

    /// <summary>n, the batch size of <see cref="H"/>, <see cref="Z"/>, <see cref="A"/> (data-dependent kernels).</summary>
    public int BatchSize { get; init; }

    /// <summary>Whether the layer has a bias: <see cref="B"/> and <see cref="GradB"/> hold k values, else none.</summary>
    public bool HasBias { get; init; }

    /// <summary>V = Wᵢ [k×d] (a covector's G_V block for a transport).</summary>
    public Span<T> V { get; init; }

    /// <summary>b = bᵢ [k], empty without a bias (a covector's G_b block for a transport).</summary>
    public Span<T> B { get; init; }

    /// <summary>U = Wᵢ₊₁ [m×k·r] (a covector's G_U block for a transport).</summary>
    public Span<T> U { get; init; }

    /// <summary>G_V = ∂f/∂V [k×d].</summary>
    public ReadOnlySpan<T> GradV { get; init; }

    /// <summary>G_b = ∂f/∂b [k], empty without a bias.</summary>
    public ReadOnlySpan<T> GradB { get; init; }

    /// <summary>G_U = ∂f/∂U [m×k·r].</summary>
    public ReadOnlySpan<T> GradU { get; init; }

    /// <summary>H, the layer input on the batch [n×d].</summary>
    public ReadOnlySpan<T> H { get; init; }

    /// <summary>Z = H·Vᵀ + 1·bᵀ on the batch [n×k].</summary>
    public ReadOnlySpan<T> Z { get; init; }

    /// <summary>A = σ(Z) on the batch [n×k].</summary>
    public ReadOnlySpan<T> A { get; init; }

    /// <summary>σ's range (S3's action keeps g·σ(Z) inside it); (−∞, ∞) unless set.</summary>
    public ActivationRange Range { get; init; } = ActivationRange.Real;

    /// <summary>Optional: H·Hᵀ [n×n] (without the bias's 1·1ᵀ), instead of forming it from <see cref="H"/>.</summary>
    public ReadOnlySpan<T> InputGram { get; init; }

    /// <summary>Optional: G_V·Vᵀ [k×k] (S1, S4 adjoints), instead of <see cref="GradV"/> and <see cref="V"/>.</summary>
    public ReadOnlySpan<T> GradVTimesVt { get; init; }

    /// <summary>Optional: Σ_l G_V[j,l]·V[j,l] [k] (S2 adjoint), instead of <see cref="GradV"/> and <see cref="V"/>.</summary>
    public ReadOnlySpan<T> GradVDotV { get; init; }

    /// <summary>Optional: G_V·Hᵀ [k×n] (S3 adjoint, with <see cref="InputGram"/>), instead of <see cref="GradV"/> and <see cref="H"/>.</summary>
    public ReadOnlySpan<T> GradVTimesHt { get; init; }

    /// <summary>Columns of U, k·r.</summary>
    internal int UColumns => Width * UColumnGroup;

    /// <summary>
    /// Checks k, d, m, r ≥ 1 (and n ≥ 1 when <paramref name="batch"/>, for the data-dependent kernels, which also
    /// need r = 1: their actions are derived for dense layers only).
    /// </summary>
    internal void CheckSizes(bool batch)
    {
        SymmetryArguments.Sizes(Width, InputSize, NextWidth, batch ? BatchSize : 1);
        if (UColumnGroup < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(UColumnGroup), UColumnGroup, "The column group r of U must be at least 1.");
        }

        if ((long)Width * UColumnGroup > int.MaxValue)
        {
            // U's k·r columns are counted in int: past it they wrapped and a tiny U passed its shape check.
            throw new ArgumentOutOfRangeException(nameof(UColumnGroup), UColumnGroup, $"U's k·r = {Width}·{UColumnGroup} columns are more than int.MaxValue.");
        }

        if (batch && UColumnGroup != 1)
        {
            throw new ArgumentException($"The data-dependent symmetries act on dense layers only (UColumnGroup 1), not on column groups of {UColumnGroup}.", nameof(UColumnGroup));
        }
    }

    /// <summary>Checks the sizes, V, b and U.</summary>
    internal void CheckParameters()
    {
        CheckSizes(batch: false);
        SymmetryArguments.Matrix(V.Length, Width, InputSize, nameof(V));
        SymmetryArguments.Bias(B.Length, Width, HasBias, nameof(B));
        SymmetryArguments.Matrix(U.Length, NextWidth, UColumns, nameof(U));
    }

    /// <summary>Checks G_b, U and G_U — what every adjoint reads besides its G_V term.</summary>
    internal void CheckNextLayerGradients()
    {
        SymmetryArguments.Bias(GradB.Length, Width, HasBias, nameof(GradB));
        SymmetryArguments.Matrix(U.Length, NextWidth, UColumns, nameof(U));
        SymmetryArguments.Matrix(GradU.Length, NextWidth, UColumns, nameof(GradU));
    }

    /// <summary>Checks Z and A [n×k].</summary>
    internal void CheckForward()
    {
        SymmetryArguments.Matrix(Z.Length, BatchSize, Width, nameof(Z));
        SymmetryArguments.Matrix(A.Length, BatchSize, Width, nameof(A));
    }
}
