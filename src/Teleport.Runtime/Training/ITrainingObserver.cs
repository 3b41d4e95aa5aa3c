namespace Teleport.Training;

/// <summary>
/// A callback that only looks: it changes neither the model's parameters nor the optimizer's state (it may stop the run,
/// pause the clock or record what it sees). When every callback of a run is one, the trainer checks a step's gradient
/// after the update instead of before it, and undoes a step whose gradient was not finite by replaying the steps before
/// it without the callbacks (<c>Trainer.Replay.cs</c>).
/// </summary>
internal interface ITrainingObserver : ITrainingCallback;
