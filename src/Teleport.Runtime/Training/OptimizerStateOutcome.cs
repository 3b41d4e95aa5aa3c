namespace Teleport.Training;

/// <summary>What was done to the optimizer's state at a teleport point (reported with each teleport).</summary>
public enum OptimizerStateOutcome
{
    /// <summary>Buffers and step count cleared (<see cref="OptimizerStatePolicy.Reset"/>).</summary>
    Reset,

    /// <summary>Left as it was (<see cref="OptimizerStatePolicy.Keep"/>, or a transport by the identity).</summary>
    Kept,

    /// <summary>Carried along with the group action (<see cref="OptimizerStatePolicy.Transport"/>).</summary>
    Transported,

    /// <summary>
    /// <see cref="OptimizerStatePolicy.Transport"/> was asked for, but a data-dependent symmetry moved the
    /// parameters (no linear transport exists) — or a GL(k) one moved RMSProp's momentum, which only the diagonal group
    /// carries — so the state was reset.
    /// </summary>
    ResetFallback,
}
