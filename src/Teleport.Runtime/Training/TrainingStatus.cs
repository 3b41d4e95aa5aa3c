namespace Teleport.Training;

/// <summary>How <see cref="Trainer.Run"/> ended.</summary>
public enum TrainingStatus
{
    /// <summary>Every epoch ran.</summary>
    Completed,

    /// <summary>The cancellation token fired; training stopped between two steps and can be resumed.</summary>
    Canceled,
}
