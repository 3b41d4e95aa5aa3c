using System;
using System.Globalization;

namespace Teleport.Teleportation;

/// <summary>
/// Where a linear symmetry's V (the hidden layer's weight read as [k, d]), b and U (the next layer's weight read as
/// [m, k·r]) lie in θ, read from <see cref="NetworkInfo"/>: the tensors named <c>{kind}{layer}.weight</c> and
/// <c>{kind}{layer}.bias</c> (docs/DESIGN.md's fixed parameter names). Lets the teleporter apply a symmetry's
/// Lie-algebra adjoint to any parameter-shaped vector, not only to the model's own parameters.
/// </summary>
internal readonly record struct LinearSymmetryLayout(
    SymmetryKind Kind, int Width, int InputSize, int NextWidth, int ColumnGroup, int VOffset, int BOffset, int UOffset)
{
    private int VLength => Width * InputSize;

    private int ULength => NextWidth * Width * ColumnGroup;

    /// <summary>The layout of <paramref name="symmetry"/>, or null when its action is not linear or exact for any data, or the tensors do not fit it.</summary>
    public static LinearSymmetryLayout? TryCreate(NetworkInfo info, SymmetryInfo symmetry)
    {
        if (symmetry.Kind is not (SymmetryKind.Diagonal or SymmetryKind.GeneralLinear) || symmetry.IsDataDependent || !symmetry.IsExact)
        {
            return null;
        }

        ParameterTensorInfo? v = Find(info, symmetry.Layer, "weight"), b = Find(info, symmetry.Layer, "bias"), u = Find(info, symmetry.NextLayer, "weight");
        int k = symmetry.Width;
        if (v is null || u is null || k < 1 || v.Shape.Count < 2 || v.Shape[0] != k || u.Shape.Count < 2 || v.Length % k != 0)
        {
            return null;
        }

        int m = u.Shape[0];
        if (m < 1 || u.Length % m != 0 || u.Length / m % k != 0 || (b is not null && b.Length != k))
        {
            return null;
        }

        return new LinearSymmetryLayout(symmetry.Kind, k, v.Length / k, m, u.Length / m / k, v.Offset, b?.Offset ?? -1, u.Offset);
    }

    /// <summary>
    /// lie (+)= the adjoint ⟨covector, A_T·point⟩ for every generator T of the symmetry (k values for S2, k×k for S1),
    /// with V, b, U read from <paramref name="point"/> and G_V, G_b, G_U from <paramref name="covector"/>.
    /// </summary>
    public void Adjoint<T>(Span<T> point, ReadOnlySpan<T> covector, Span<T> lie)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        bool bias = BOffset >= 0;
        var block = new HiddenLayerBlock<T>
        {
            Width = Width, InputSize = InputSize, NextWidth = NextWidth, UColumnGroup = ColumnGroup, HasBias = bias,
            V = point.Slice(VOffset, VLength),
            B = bias ? point.Slice(BOffset, Width) : default,
            U = point.Slice(UOffset, ULength),
            GradV = covector.Slice(VOffset, VLength),
            GradB = bias ? covector.Slice(BOffset, Width) : default,
            GradU = covector.Slice(UOffset, ULength),
        };
        if (Kind == SymmetryKind.Diagonal)
        {
            SymmetryKernels.DiagonalAdjoint(block, lie);
        }
        else
        {
            SymmetryKernels.GeneralLinearAdjoint(block, lie);
        }
    }

    /// <summary>The tensor <c>{kind}{layer}.{part}</c>, or null.</summary>
    private static ParameterTensorInfo? Find(NetworkInfo info, int layer, string part)
    {
        string suffix = string.Create(CultureInfo.InvariantCulture, $"{layer}.{part}");
        foreach (ParameterTensorInfo t in info.Tensors)
        {
            // the kind is letters only, so "fc12.weight" does not end a match for layer 2 unless preceded by a letter
            if (t.Name.EndsWith(suffix, StringComparison.Ordinal) && t.Name.Length > suffix.Length && char.IsLetter(t.Name[^(suffix.Length + 1)]))
            {
                return t;
            }
        }

        return null;
    }
}
