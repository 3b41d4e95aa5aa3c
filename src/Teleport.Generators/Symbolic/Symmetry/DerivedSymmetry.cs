namespace Teleport.Generators.Symbolic.Symmetry;

/// <summary>
/// The symmetry families of docs/ARCHITECTURE.md's table, by the activation property that creates them. Mirrors
/// Teleport.SymmetryKind member for member (the generator cannot reference the runtime; a test keeps
/// the two equal): the emitted Info names these members.
/// </summary>
internal enum SymmetryKind
{
    /// <summary>S1, σ = identity: GL(k), V→gV, b→gb, U→Ug⁻¹; exact for any data.</summary>
    GeneralLinear = 1,
    /// <summary>S2, σ positively homogeneous: positive diagonal scaling; exact for any data.</summary>
    Diagonal = 2,
    /// <summary>S3, σ strictly increasing and invertible: data-dependent GL(k) (NeurIPS 2022).</summary>
    DataDependent = 3,
    /// <summary>S4, σ invertible: the ICLR 2024 code's least-squares action; approximate when batch > k.</summary>
    LeastSquares = 4,
}

/// <summary>The group of a symmetry's elements; mirrors Teleport.SymmetryGroup.</summary>
internal enum SymmetryGroup
{
    /// <summary>GL(k): k×k elements.</summary>
    GeneralLinear = 0,
    /// <summary>(ℝ>0)^k: k positive factors.</summary>
    PositiveDiagonal = 1,
}

/// <summary>
/// One symmetry of hidden layer <see cref="Layer"/> (V = W_Layer [Width × InputSize], its bias b, and
/// U = W_NextLayer [NextWidth × Width·UColumnGroup]): its kind, group and exactness (emitted as typed fields of
/// Info), and the texts of its action and adjoint for Info and the emitted doc comments.
/// <see cref="Offset"/> is its start in the concatenated Lie-algebra vector. <see cref="UColumnGroup"/> r is how many
/// columns of U each unit owns (unit j: columns j·r … j·r + r − 1): 1 between dense layers, k² when the next layer is
/// a k×k convolution, the positions per channel when a dense layer reads a flattened image (docs/ARCHITECTURE.md).
/// </summary>
internal sealed record DerivedSymmetry(
    SymmetryKind Kind,
    int Layer,
    int NextLayer,
    int Width,
    int InputSize,
    int NextWidth,
    bool HasBias,
    int Dimension,
    int Offset,
    int ExactBatchLimit,
    string GroupName,
    string Condition,
    string Action,
    string Adjoint,
    int UColumnGroup = 1)
{
    /// <summary>The <see cref="ExactBatchLimit"/> of a symmetry exact for any data (Teleport.SymmetryInfo.AnyBatch).</summary>
    public const int AnyBatch = int.MaxValue;

    /// <summary>The kind's short name in docs and reports (S1–S4).</summary>
    public string Id => Kind switch
    {
        SymmetryKind.GeneralLinear => "S1",
        SymmetryKind.Diagonal => "S2",
        SymmetryKind.DataDependent => "S3",
        SymmetryKind.LeastSquares => "S4",
        _ => throw new System.ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown symmetry kind."),
    };

    /// <summary>The positive diagonal group (elements are k values) for S2, GL(k) otherwise.</summary>
    public SymmetryGroup Group => Kind == SymmetryKind.Diagonal ? SymmetryGroup.PositiveDiagonal : SymmetryGroup.GeneralLinear;

    /// <summary>True when the group is the positive diagonal one (elements are k values).</summary>
    public bool IsDiagonal => Group == SymmetryGroup.PositiveDiagonal;

    /// <summary>True when the action leaves the loss unchanged for any data.</summary>
    public bool IsExact => ExactBatchLimit == AnyBatch;

    /// <summary>True when the action depends on the teleport batch.</summary>
    public bool IsDataDependent => Kind is SymmetryKind.DataDependent or SymmetryKind.LeastSquares;
}
