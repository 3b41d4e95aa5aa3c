using System;

namespace Teleport.Training;

// Steps whose gradient is checked after the update, and the replay that undoes one whose gradient was not finite.
public sealed partial class Trainer
{
    // Whether the steps of the run under way check the gradient after the update (set at each Run's start).
    private bool _checkAfterUpdate;

    // The state at the start of the epoch under way (or where the run started in it, or after a callback changed it), when
    // _checkAfterUpdate.
    private ReplayPoint? _replayPoint;

    // Set by a callback that changed the parameters or the optimizer's state in this batch's OnBatchStart.
    private bool _stateChanged;

    /// <summary>Steps undone by a replay since the trainer was made (tests: the path really ran).</summary>
    internal int StepsUndone { get; private set; }

    /// <summary>The batch of the epoch a replay would start from (tests; −1 when the run checks first).</summary>
    internal int ReplayPointBatch => _checkAfterUpdate ? _replayPoint!.Batch : -1;

    /// <summary>Whether the run under way checks each step's gradient after the update (tests).</summary>
    internal bool ChecksAfterUpdate => _checkAfterUpdate;

    /// <summary>
    /// Whether this run's steps may update first and look at the gradient after. With <see cref="TrainerOptions.StopOnDivergence"/>
    /// no step may be taken from a gradient with a NaN or ±∞ in it; checked before the update, that read the whole gradient
    /// once more (from L2: 0.46 µs of the paper network's 15.6 µs step on a Zen 4 core, 3 %). The update's own Σ g², which
    /// the record needs anyway, is not finite exactly when such an entry is there, so the step can be checked after it and
    /// undone (<see cref="UndoStep"/>). That needs the optimizer to sum the squares in its pass, and nothing but the steps
    /// themselves to change the parameters or the optimizer during the epoch, unless it says so: every callback an
    /// <see cref="ITrainingObserver"/> or an <see cref="IReportsStateChanges"/> (the teleports, whose changes move the replay
    /// point to after them).
    /// </summary>
    private bool MayCheckAfterUpdate()
    {
        if (!Options.StopOnDivergence || !SumSquaresInUpdatePass || !Optimizer.SumsSquaresInItsPass) return false;
        foreach (var callback in _callbacks)
            if (callback is not (ITrainingObserver or IReportsStateChanges)) return false;
        return true;
    }

    /// <summary>A callback changed the parameters or the optimizer's state in this batch's <c>OnBatchStart</c>.</summary>
    internal void MarkStateChanged() => _stateChanged = true;

    /// <summary>After the <c>OnBatchStart</c> callbacks: the replay point moves to after a change they reported (on the clock, as the callbacks are).</summary>
    private void TakeReplayPointAfterChange()
    {
        if (!_stateChanged) return;
        _stateChanged = false;
        if (_checkAfterUpdate) _replayPoint!.Capture(Model.Parameters, Optimizer, _progress);
    }

    /// <summary>At each Run's start: decides how its steps are checked, and allocates the replay point once.</summary>
    private void ChooseStepCheck()
    {
        _checkAfterUpdate = MayCheckAfterUpdate();
        _stateChanged = false;
        if (_checkAfterUpdate) _replayPoint ??= new ReplayPoint(Model.Parameters.Length, Optimizer);
    }

    /// <summary>Before the first step of an epoch, or of a run within one: what a replay starts from (on the training clock).</summary>
    private void TakeReplayPoint()
    {
        if (!_checkAfterUpdate) return;
        Clock.Start();
        _replayPoint!.Capture(Model.Parameters, Optimizer, _progress);
        Clock.Stop();
    }

    /// <summary>
    /// Undoes the step just taken on batch <c>BatchIndex</c>: puts back the state of the replay point and takes again, on the
    /// same batches, the steps between it and this one (the model and the optimizer are deterministic, and the copies of a
    /// batch the same whoever made them), off the training clock and without callbacks. The parameters and the optimizer
    /// state are then those before the step, to the bit, as if it had been checked first. The replayed steps' Σ n·L and
    /// Σ ‖∇L‖², summed in the same order, must equal the epoch's: a model that gives other numbers a second time (random
    /// inside) fails that, and the state is left at the replay point, which the divergence says (<see cref="TrainingDivergence.Note"/>).
    /// </summary>
    /// <returns>Null when the state is that before the step; else the note for the divergence.</returns>
    private string? UndoStep()
    {
        Clock.Stop();
        var point = _replayPoint!;
        point.Restore(Model.Parameters, Optimizer);
        double lossSum = point.EpochLossSum, squaresSum = point.EpochGradNormSquaredSum;
        for (var batch = point.Batch; batch < _progress.BatchIndex; batch++)
        {
            Batch.SelectAgain(batch);
            var loss = Model.LossAndGradient(Batch.Inputs, Batch.Targets, _gradient);
            var squares = Optimizer.StepAndSumSquares(Model.Parameters, _gradient);
            lossSum += (double)loss * Batch.Count;
            squaresSum += squares;
        }
        StepsUndone++;
        if (lossSum.Equals(_progress.EpochLossSum) && squaresSum.Equals(_progress.EpochGradNormSquaredSum)) return null;
        point.Restore(Model.Parameters, Optimizer);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the parameters and the optimizer state are those before batch {point.Batch} of that epoch: replayed, the steps since gave other losses or gradients than before (is the model random inside?)");
    }
}
