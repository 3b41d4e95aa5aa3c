namespace Teleport.Teleportation;

/// <summary>
/// The runtime half of symmetry teleportation for one hidden layer: finite group actions,
/// adjoints ∂f(g·θ)/∂T at g = I (the gradient of a scalar f on the Lie algebra) and covector
/// transport, for the four symmetries S1–S4 (docs/ARCHITECTURE.md, "Symmetries"). Generated networks call these with
/// the layer's <see cref="HiddenLayerBlock{T}"/> and the derived σ, σ′ and σ⁻¹ as operator structs.
/// </summary>
/// <remarks>
/// <para>
/// Notation (row-major code; the paper uses the transpose): hidden layer with weights
/// V [k×d] (k units, d inputs), bias b [k] (none when the layer has no bias) and next-layer
/// weights U [m×k]. For a batch of n samples: layer input H [n×d], pre-activation
/// Z = H·Vᵀ + 1·bᵀ [n×k], activation A = σ(Z) [n×k]; the block's output is A·Uᵀ [n×m].
/// G_V [k×d], G_b [k], G_U [m×k] are the gradients of a scalar f. A Lie-algebra element T is k×k
/// row-major (GL(k)) or k values (the positive diagonal group). All of these travel in one
/// <see cref="HiddenLayerBlock{T}"/>.
/// </para>
/// <para>
/// Every action is all-or-nothing: it computes the new parameters in scratch memory and writes
/// them back only when the group element is valid and every new value is finite; otherwise it
/// says why in its <see cref="GroupActionResult"/> and leaves V, b and U unchanged. Scratch memory is
/// per thread and grown once, so the kernels allocate nothing after the first call at a given shape.
/// </para>
/// <para>
/// Pseudo-inverses are products with the inverse of the smaller Gram matrix (k×k or n×n), factored
/// by Cholesky with the ridge λ = √ε·mean(diag) + ε² and refined iteratively where the Gram matrix
/// is nonsingular (see <c>GramSolver</c>), never an SVD.
/// </para>
/// </remarks>
public static partial class SymmetryKernels
{
}
