namespace Teleport;

/// <summary>
/// The family a parameter symmetry belongs to (docs/ARCHITECTURE.md, "Symmetries"). The generator derives
/// <see cref="GeneralLinear"/> to <see cref="LeastSquares"/> (S1–S4) from each hidden layer's
/// activation and says so in <see cref="NetworkInfo.Symmetries"/>; a hand-written model declares its
/// own as <see cref="Custom"/>. New layer kinds add members here; the teleporter refuses a kind it
/// has no policy for instead of guessing (see <see cref="Teleportation.SymmetrySet"/>).
/// </summary>
public enum SymmetryKind
{
    /// <summary>A model's own symmetry: the teleporter knows it only through the fields of its <see cref="SymmetryInfo"/>.</summary>
    Custom = 0,

    /// <summary>S1: GL(k) on an identity layer, V → g·V, b → g·b, U → U·g⁻¹. Exact for any data.</summary>
    GeneralLinear = 1,

    /// <summary>S2: the positive diagonal group on a positively homogeneous layer, V → D·V, b → D·b, U → U·D⁻¹. Exact for any data.</summary>
    Diagonal = 2,

    /// <summary>
    /// S3: the data-dependent GL(k) of NeurIPS 2022 for a strictly increasing, invertible σ,
    /// U → U·g⁻¹ and [V b] ← σ⁻¹(g·σ(Z))·[h;1ᵀ]⁺. Exact on a batch of at most fan-in (+ 1 with a bias)
    /// samples while g·σ(Z) stays in σ's range.
    /// </summary>
    DataDependent = 3,

    /// <summary>
    /// S4: the ICLR 2024 code's least-squares action for an invertible σ, V → g·V, b → g·b,
    /// U → U·σ(Z)·σ(gZ)⁺. Exact on a batch of at most k samples, approximate beyond.
    /// </summary>
    LeastSquares = 4,
}
