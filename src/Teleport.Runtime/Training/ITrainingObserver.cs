namespace Teleport.Training;

/// <summary>
/// A callback that only looks: it changes neither the model's parameters nor the optimizer's state (it may stop the run,
/// pause the clock or record what it sees). When every callback of a run is one, the trainer checks a step's gradient
/// after the update instead of before it, and undoes a step whose gradient was not finite by replaying the steps before
/// it without the callbacks (<c>Trainer.Replay.cs</c>).
/// </summary>
internal interface ITrainingObserver : ITrainingCallback;

/// <summary>
/// A callback that changes the model's parameters or the optimizer's state only in <see cref="ITrainingCallback.OnBatchStart"/>,
/// and then says so (<see cref="TrainingContext.StateChanged"/>): the trainer takes its replay point again there, so that a
/// step it has to undo is replayed from after the change (a teleport, or the control arm's optimizer reset).
/// </summary>
internal interface IReportsStateChanges : ITrainingCallback;
