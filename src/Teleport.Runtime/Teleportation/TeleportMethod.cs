namespace Teleport.Teleportation;

/// <summary>How a teleport moves the parameters while keeping the loss (see <see cref="TeleportOptions.Method"/>).</summary>
public enum TeleportMethod
{
    /// <summary>
    /// Ascent of ‖∇L‖² along the network's derived symmetry groups (Zhao et al., ICLR 2024): exact for S1/S2,
    /// needs a symmetry the generator derived.
    /// </summary>
    Group,

    /// <summary>
    /// Level-set teleport (Mishkin, Bietti, Gower 2024): maximise ½·log‖∇L‖² subject to L = L₀ (or L ≤ L₀) by
    /// normalised sequential linear programming on the whole parameter vector. Needs only the loss, its
    /// gradient and Hessian-vector products, so it works for any network, with or without a symmetry.
    /// </summary>
    LevelSet,

    /// <summary>
    /// Null-space teleport (Wu et al. 2025): ascent of ‖∇L‖² on each dense layer's weights, projected onto the
    /// null space of that layer's input on the teleport batch (kept subspace chosen by an energy threshold τ).
    /// </summary>
    NullSpace,
}
