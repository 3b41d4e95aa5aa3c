namespace Teleport.Training;

/// <summary>How <see cref="Trainer.Run"/> ended.</summary>
public enum TrainingStatus
{
    /// <summary>Every epoch ran.</summary>
    Completed,

    /// <summary>The cancellation token fired; training stopped between two steps (a teleport under way is undone) and can be resumed.</summary>
    Canceled,

    /// <summary>
    /// A loss, the gradient or the parameters became NaN or infinite (<see cref="Trainer.Divergence"/> says where);
    /// training stopped there, without a step from that point and without a checkpoint of it, so the last checkpoint
    /// written is the last good state.
    /// </summary>
    Diverged,
}
