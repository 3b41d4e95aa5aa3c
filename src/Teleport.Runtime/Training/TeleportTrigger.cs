namespace Teleport.Training;

/// <summary>Which rule of a <see cref="TeleportSchedule"/> fired (reported with each teleport as "trigger").</summary>
public enum TeleportTrigger
{
    /// <summary>One of the first batches of a scheduled epoch.</summary>
    Epoch,

    /// <summary>Every k optimizer steps.</summary>
    Every,

    /// <summary>The mini-batch ‖∇L‖² fell below a fraction of its running maximum.</summary>
    Adaptive,
}
