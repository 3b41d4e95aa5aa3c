namespace Teleport.Teleportation;

/// <summary>
/// A network that can create its double-precision twin. Every generated dense or convolutional network implements
/// it (with its nested <c>Float64</c> class, via <c>ToFloat64()</c>); a hand-written model may too. A
/// <see cref="Teleporter{T}"/> of a float model that has one evaluates its loss-drift guard in double, so the
/// tolerance holds for the loss itself, not only for its float rounding.
/// </summary>
public interface IHasFloat64Twin
{
    /// <summary>A new double-precision model of the same network (the teleporter overwrites its parameters before each use).</summary>
    IDifferentiableModel<double> CreateFloat64Twin();
}
