namespace Teleport.Records;

/// <summary>
/// The training loss at a finer granularity than epochs: one entry of a run record's
/// <c>"loss_trace"</c> array, summarising a window of consecutive optimizer steps. The trainer closes a
/// window every <c>LossTraceInterval</c> steps and at the end of every epoch, so the windows partition
/// the run and the last point's time is the run's total training time.
/// </summary>
/// <param name="Step"><c>"step"</c>: optimizer steps taken since the start of the run, at the window's end.</param>
/// <param name="Epoch"><c>"epoch"</c>: the 1-based epoch the window belongs to.</param>
/// <param name="TrainLoss"><c>"train_loss"</c>: the sample-weighted mean of the window's mini-batch losses.</param>
/// <param name="Samples"><c>"samples"</c>: training samples in the window.</param>
/// <param name="WallSeconds"><c>"wall_seconds"</c>: cumulative training time at the window's end (as in <see cref="EpochRecord.WallSeconds"/>).</param>
public readonly record struct LossTracePoint(long Step, int Epoch, double TrainLoss, long Samples, double WallSeconds);
