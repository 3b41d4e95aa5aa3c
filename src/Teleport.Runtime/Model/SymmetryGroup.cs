namespace Teleport;

/// <summary>The group a symmetry's elements live in, which fixes their layout (see <see cref="Teleportation.ITeleportable{T}"/>).</summary>
public enum SymmetryGroup
{
    /// <summary>GL(k): an element is a k×k matrix, row-major (Lie algebra: all k×k matrices).</summary>
    GeneralLinear = 0,

    /// <summary>(ℝ&gt;0)^k: an element is k positive factors, the diagonal of D (Lie algebra: k values).</summary>
    PositiveDiagonal = 1,
}
