namespace Teleport.Generators.Symbolic.Symmetry;

/// <summary>The symmetry groups of DESIGN.md's table, by the activation property that creates them.</summary>
internal enum SymmetryKind
{
    /// <summary>σ = identity: GL(k), V→gV, b→gb, U→Ug⁻¹; exact for any data.</summary>
    S1,
    /// <summary>σ positively homogeneous: positive diagonal scaling; exact for any data.</summary>
    S2,
    /// <summary>σ strictly increasing and invertible: data-dependent GL(k) (NeurIPS 2022).</summary>
    S3,
    /// <summary>σ invertible: the ICLR 2024 code's least-squares action; approximate when batch > k.</summary>
    S4,
}

/// <summary>
/// One symmetry of hidden layer <see cref="Layer"/> (V = W_Layer [Width × InputSize], its bias b, and
/// U = W_{Layer+1} [NextWidth × Width]), with the texts of its action and adjoint for Info and the
/// emitted doc comments. <see cref="Offset"/> is its start in the concatenated Lie-algebra vector.
/// </summary>
internal sealed record DerivedSymmetry(
    SymmetryKind Kind,
    int Layer,
    int Width,
    int InputSize,
    int NextWidth,
    bool HasBias,
    int Dimension,
    int Offset,
    bool IsExact,
    string Group,
    string Condition,
    string Action,
    string Adjoint)
{
    public string Id => Kind.ToString();

    /// <summary>True when the group is the positive diagonal one (elements are k values).</summary>
    public bool IsDiagonal => Kind == SymmetryKind.S2;

    /// <summary>True when the action depends on the teleport batch.</summary>
    public bool IsDataDependent => Kind is SymmetryKind.S3 or SymmetryKind.S4;
}
