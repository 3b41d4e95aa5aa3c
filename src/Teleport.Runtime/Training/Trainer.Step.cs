using System;
using Teleport.Kernels;
using Teleport.Records;

namespace Teleport.Training;

// One optimizer step, and the end of an epoch.
public sealed partial class Trainer
{
    /// <summary>
    /// ‖∇L‖² is kept in double from the sum to the record, the divergence rule and the reports: every finite float
    /// gradient has a finite one there (fewer than 2³¹ squares below 2²⁵⁶ sum below 2²⁸⁷), where rounded to float it was
    /// +∞ from entries near 1e19 on — a false divergence. So a gradient whose every |∂L/∂θᵢ| is below +∞ (finite: a NaN
    /// is below nothing) has a finite ‖∇L‖².
    /// </summary>
    private const float BoundedGradient = float.PositiveInfinity;

    /// <summary>Whether steps sum ‖∇L‖² in the update's pass where the optimizer can (benchmarks turn it off to measure what it saves).</summary>
    internal static bool SumSquaresInUpdatePass { get; set; } = true;

    /// <summary>One step on batch <c>BatchIndex</c>, on the training clock; allocates nothing.</summary>
    private void Step()
    {
        Clock.Start();
        InBatch = true;
        try
        {
            Batch.Select(_progress.BatchIndex);
            if (!StartBatch()) return;
            TakeReplayPointAfterChange();

            // L and ∇L on the batch (after any teleport), then the update θ ← step(θ, ∇L).
            var loss = Model.LossAndGradient(Batch.Inputs, Batch.Targets, _gradient);
            double gradNormSquared;
            if (_checkAfterUpdate && float.IsFinite(loss))
            {
                // ‖∇L‖² from the update's pass: not finite exactly when the gradient has a NaN or ±∞, and then the step is
                // undone (Trainer.Replay.cs), which leaves what checking the gradient first would have.
                gradNormSquared = Optimizer.StepAndSumSquares(Model.Parameters, _gradient);
                if (!double.IsFinite(gradNormSquared))
                {
                    var note = UndoStep();
                    Diverge("gradient", gradNormSquared, _progress.BatchIndex, note);
                    return;
                }
            }
            else if (SumSquaresInUpdatePass && Optimizer.SumsSquaresInItsPass && (!Options.StopOnDivergence || (float.IsFinite(loss) && Reductions.AllBelowInMagnitude<float>(_gradient, BoundedGradient))))
            {
                // ‖∇L‖² summed in the update's own pass (the same bits as alone, for a fraction of its time). A finite
                // gradient has a finite ‖∇L‖² in double, so the divergence rule below would have let this step be taken too.
                gradNormSquared = Optimizer.StepAndSumSquares(Model.Parameters, _gradient);
            }
            else
            {
                gradNormSquared = Reductions.SumOfSquaresAsDouble<float>(_gradient);
                if (Options.StopOnDivergence && (!float.IsFinite(loss) || !double.IsFinite(gradNormSquared)))
                {
                    // No step from a point where the loss or the gradient is not a number: the run stops here.
                    Diverge(float.IsFinite(loss) ? "gradient" : "training loss", float.IsFinite(loss) ? gradNormSquared : loss, _progress.BatchIndex);
                    return;
                }
                Optimizer.Step(Model.Parameters, _gradient);
            }
            LastBatchLoss = loss;
            LastBatchGradNormSquared = gradNormSquared;
            _progress.AddStep(loss, Batch.Count, gradNormSquared);
            _progress.GlobalStep++;

            try
            {
                foreach (var callback in _callbacks) callback.OnBatchEnd(Context);
            }
            finally
            {
                // The step has been taken: it counts even when a callback throws, or a later Run would take it again on
                // the same batch (a step more than an uninterrupted run, with GlobalStep one ahead of the batches).
                _progress.BatchIndex++;
                if (_progress.WindowSteps >= Options.LossTraceInterval) AddTracePoint();
            }
        }
        finally
        {
            Batch.Clear();
            InBatch = false;
            Clock.Stop();
        }
    }

    /// <summary>
    /// The <c>OnBatchStart</c> callbacks; false when one ended at the run's token (a stop request inside a teleport), which
    /// ends the run before this batch's step: nothing of the step has happened, and the callback has undone its changes.
    /// </summary>
    private bool StartBatch()
    {
        try
        {
            foreach (var callback in _callbacks) callback.OnBatchStart(Context);
            return true;
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            _canceledInBatch = true;
            return false;
        }
    }

    /// <summary>
    /// Whether the parameters, the optimizer state or the test loss are non-finite at the epoch's end (the last step may
    /// have produced infinite parameters, which no later step would see); records the divergence if so.
    /// </summary>
    private bool DivergedAtEpochEnd(EvaluationResult? test)
    {
        var parameters = Model.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (float.IsFinite(parameters[i])) continue;
            Diverge("parameters", parameters[i], BatchesPerEpoch);
            return true;
        }
        if (OptimizerStateDiverged(BatchesPerEpoch)) return true;
        if (test is { } t && !double.IsFinite(t.Loss))
        {
            Diverge("test loss", t.Loss, BatchesPerEpoch);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Whether an optimizer buffer holds a value that is not finite; records the divergence, naming the buffer, if so.
    /// AdaGrad's sum of g² reaches ∞ in float from finite gradients (tens of steps of |g| near 1e19 on one parameter) while
    /// the loss, each step's ‖∇L‖² and the parameters stay finite: that parameter then steps by g/√∞ = 0 for the rest of the
    /// run, and a checkpoint of the state is refused on resume (<see cref="Optimizers.OptimizerStateValues"/>). Checked at the
    /// epoch's end beside the parameters' pass, not per step.
    /// </summary>
    private bool OptimizerStateDiverged(int batch)
    {
        var buffers = Optimizer.Buffers;
        for (var b = 0; b < buffers.Count; b++)
        {
            var values = buffers[b].Values;
            if (LongVectors.AllFinite<float>(values)) continue;
            for (var i = 0; i < values.Length; i++)
            {
                if (float.IsFinite(values[i])) continue;
                Diverge($"optimizer state \"{buffers[b].Name}\"", values[i], batch);
                return true;
            }
        }
        return false;
    }

    private void Diverge(string quantity, double value, int batch, string? note = null) =>
        Divergence = new TrainingDivergence(quantity, value, _progress.EpochIndex + 1, batch, _progress.GlobalStep) { Note = note };

    /// <summary>Closes the loss-trace window (the list was sized up front: no allocation).</summary>
    private void AddTracePoint()
    {
        var (loss, samples) = _progress.TakeWindow();
        History.Add(new LossTracePoint(_progress.GlobalStep, _progress.EpochIndex + 1, loss, samples, WallSeconds));
    }

    /// <summary>Trace, evaluation, record, callbacks, checkpoint — all off the training clock.</summary>
    private void EndEpoch()
    {
        if (_progress.WindowSteps > 0) AddTracePoint();
        var (trainLoss, gradNormSquared) = _progress.EpochMeans();
        EvaluationResult? test = _evaluator is null ? null : _evaluator.Evaluate(TestSet!);
        if (Options.StopOnDivergence && DivergedAtEpochEnd(test)) return;
        var record = new EpochRecord(_progress.EpochIndex + 1, trainLoss, test?.Loss, test?.Accuracy, gradNormSquared, WallSeconds, _progress.GlobalStep);
        History.Add(record);
        try
        {
            foreach (var callback in _callbacks) callback.OnEpochEnd(Context, record);
        }
        finally
        {
            // The record is in the history: the epoch is over even when a callback throws, or a later Run would end it
            // again and record it twice. Its checkpoint is not written then (the exception ends the run first).
            _progress.NextEpoch();
        }
        if (Options.CheckpointAtEpochEnd) CheckpointIfConfigured();
    }
}
