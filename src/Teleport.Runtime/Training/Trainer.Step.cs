using Teleport.Kernels;
using Teleport.Records;

namespace Teleport.Training;

// One optimizer step, and the end of an epoch.
public sealed partial class Trainer
{
    /// <summary>One step on batch <c>BatchIndex</c>, on the training clock; allocates nothing.</summary>
    private void Step()
    {
        Clock.Start();
        InBatch = true;
        try
        {
            Batch.Select(_progress.BatchIndex);
            foreach (var callback in _callbacks) callback.OnBatchStart(Context);

            // L and ∇L on the batch (after any teleport), then the update θ ← step(θ, ∇L).
            var loss = Model.LossAndGradient(Batch.Inputs, Batch.Targets, _gradient);
            var gradNormSquared = (double)Reductions.SumOfSquares<float>(_gradient);
            Optimizer.Step(Model.Parameters, _gradient);
            LastBatchLoss = loss;
            LastBatchGradNormSquared = gradNormSquared;
            _progress.AddStep(loss, Batch.Count, gradNormSquared);
            _progress.GlobalStep++;

            foreach (var callback in _callbacks) callback.OnBatchEnd(Context);
            _progress.BatchIndex++;
            if (_progress.WindowSteps >= Options.LossTraceInterval) AddTracePoint();
        }
        finally
        {
            Batch.Clear();
            InBatch = false;
            Clock.Stop();
        }
    }

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
        var record = new EpochRecord(_progress.EpochIndex + 1, trainLoss, test?.Loss, test?.Accuracy, gradNormSquared, WallSeconds, _progress.GlobalStep);
        History.Add(record);
        foreach (var callback in _callbacks) callback.OnEpochEnd(Context, record);
        _progress.NextEpoch();
        if (Options.CheckpointAtEpochEnd) CheckpointIfConfigured();
    }
}
