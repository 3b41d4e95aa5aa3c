namespace Teleport;

/// <summary>
/// One symmetry group acting on hidden layer <see cref="Layer"/> (its weights V, bias b) and the
/// next layer <see cref="NextLayer"/> (its weights U), as the generator derived it. The typed fields
/// are what the teleporter reads (which group, how exact, whether the action reads the batch); the
/// texts are the derived formulas, for people.
/// </summary>
/// <param name="Id">A short name for reports: S1 to S4 for the derived symmetries (docs/ARCHITECTURE.md), anything for a model's own.</param>
/// <param name="Kind">The symmetry's family.</param>
/// <param name="Group">GL(k) or the positive diagonal group: the layout of a group element and of a Lie-algebra vector.</param>
/// <param name="Layer">The hidden layer whose units the group mixes or scales (V = W_Layer, b = b_Layer).</param>
/// <param name="NextLayer">The layer that reads them (U = W_NextLayer).</param>
/// <param name="Width">k, the hidden layer's width.</param>
/// <param name="Dimension">The Lie algebra's dimension: k² for GL(k), k for the diagonal group.</param>
/// <param name="ExactBatchLimit">
/// The action leaves the loss unchanged on any batch of at most this many samples (<see cref="AnyBatch"/>:
/// on any data; 0: never exactly). S3 also needs g·σ(Z) to stay in σ's range, which its action enforces.
/// </param>
/// <param name="IsDataDependent">The action reads the teleport batch (S3, S4): it has no linear part to transport optimizer state with.</param>
/// <param name="GroupName">The group in the paper's notation, e.g. "GL(16)".</param>
/// <param name="Condition">When the symmetry is exact, in words.</param>
/// <param name="Action">The finite group action.</param>
/// <param name="Adjoint">The adjoint ∂f(g·θ)/∂T at g = I.</param>
public sealed record SymmetryInfo(
    string Id,
    SymmetryKind Kind,
    SymmetryGroup Group,
    int Layer,
    int NextLayer,
    int Width,
    int Dimension,
    int ExactBatchLimit,
    bool IsDataDependent,
    string GroupName,
    string Condition,
    string Action,
    string Adjoint)
{
    /// <summary>The <see cref="ExactBatchLimit"/> of a symmetry exact for any data.</summary>
    public const int AnyBatch = int.MaxValue;

    /// <summary>True when an element is k positive factors rather than a k×k matrix.</summary>
    public bool IsDiagonal => Group == SymmetryGroup.PositiveDiagonal;

    /// <summary>True when the action leaves the loss unchanged for any data (S1, S2).</summary>
    public bool IsExact => ExactBatchLimit == AnyBatch;

    /// <summary>True when the action leaves the loss unchanged on a batch of <paramref name="batch"/> samples.</summary>
    public bool IsExactOn(int batch) => batch <= ExactBatchLimit;
}
