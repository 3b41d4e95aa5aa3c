using System;
using System.Diagnostics;
using Teleport.Data;
using Teleport.Kernels;

namespace Teleport.Training;

/// <summary>
/// The look-ahead test of a teleport: K optimizer steps on the next K training batches from the
/// teleported point and from the point without the teleport; the start of the branch whose K steps
/// reach the lower loss is restored, and training continues from it as if the other had never been
/// tried. Parameters and optimizer state of both starts are copied into buffers allocated once (the start
/// without the teleport is the callback's <see cref="TeleportStartPoint"/>).
/// </summary>
/// <remarks>
/// <para><b>The two branches.</b> Teleported: the parameters after the teleport with the optimizer state
/// after the policy (reset, kept or transported). Without: the parameters before the teleport with the
/// state the control arm would have there (reset for <see cref="OptimizerStatePolicy.Reset"/>, unchanged
/// otherwise), so that only the teleport itself is judged.</para>
/// <para><b>The score</b> of a branch is the sample-weighted mean loss over the K batches at the
/// parameters after its K steps. The teleport is kept only if its score is strictly lower (a NaN never
/// wins). The K batches are the current one and the next K − 1 of the trainer's order, continuing into
/// the next epoch's order when the epoch ends. The steps are real work and count in the training time.</para>
/// </remarks>
internal sealed class TeleportLookahead
{
    private readonly int _steps;
    private readonly AlignedArray<float> _gradient;
    private readonly TeleportStartPoint _plain;
    private readonly float[] _teleportedParameters;
    private readonly OptimizerStateSnapshot _teleportedState;
    private readonly Dataset _set;
    private readonly BatchSampler _order;
    private readonly AlignedArray<float> _features;
    private readonly int[] _labels = [];
    private readonly float[] _targets = [];
    private int _count;

    /// <summary>
    /// Buffers for <paramref name="steps"/>-step look-aheads in the trainer seen through <paramref name="context"/>; the branch
    /// without the teleport starts from <paramref name="plain"/> (with its optimizer state), which the callback captures before each teleport.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> or <paramref name="plain"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is below 1 (no branch would be run to compare).</exception>
    /// <exception cref="ArgumentException"><paramref name="plain"/> holds no optimizer state.</exception>
    public TeleportLookahead(TrainingContext context, int steps, TeleportStartPoint plain)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (plain.Optimizer is null) throw new ArgumentException("The look-ahead's start point needs the optimizer state.", nameof(plain));
        _steps = steps;
        var parameterCount = context.Model.Parameters.Length;
        _gradient = new AlignedArray<float>(parameterCount);
        _plain = plain;
        _teleportedParameters = new float[parameterCount];
        _teleportedState = new OptimizerStateSnapshot(context.Optimizer);
        _set = context.TrainingSet;
        var options = context.Options;
        _order = new BatchSampler(_set.Count, options.BatchSize, options.Order == BatchOrder.Shuffled, options.Seed);
        var n = Math.Min(options.BatchSize, _set.Count);
        _features = new AlignedArray<float>(checked(n * _set.FeatureCount));
        if (_set.IsClassification) _labels = new int[n];
        else _targets = new float[(long)n * _set.TargetCount];
    }

    /// <summary>
    /// After the teleport and the policy: runs both branches and leaves the model and the optimizer at the
    /// start of the better one.
    /// </summary>
    /// <exception cref="OperationCanceledException"><see cref="TrainingContext.CancellationToken"/> fired (checked before each of the
    /// 2K steps); the model and the optimizer are then at neither start, and the caller puts back the state before the teleport.</exception>
    public TeleportLookaheadResult Decide(TrainingContext context, OptimizerStatePolicy policy)
    {
        var start = Stopwatch.GetTimestamp();
        var model = context.Model;
        var optimizer = context.Optimizer;
        model.Parameters.CopyTo(_teleportedParameters);
        _teleportedState.Capture(optimizer);
        var teleported = Branch(context);

        RestorePlain(context, policy);
        var plain = Branch(context);

        var kept = teleported < plain || (!double.IsNaN(teleported) && double.IsNaN(plain));
        if (kept)
        {
            _teleportedParameters.CopyTo(model.Parameters);
            _teleportedState.Restore(optimizer);
        }
        else
        {
            RestorePlain(context, policy);
        }
        return new TeleportLookaheadResult(kept, teleported, plain, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private void RestorePlain(TrainingContext context, OptimizerStatePolicy policy)
    {
        _plain.RestoreModel(context);
        OptimizerStateTransport.WithoutTeleport(policy, context.Optimizer);
    }

    /// <summary>K steps from the current point, then the mean loss over the K batches.</summary>
    private double Branch(TrainingContext context)
    {
        var model = context.Model;
        var cancellation = context.CancellationToken;
        for (var j = 0; j < _steps; j++)
        {
            // K steps of a long look-ahead can take as long as a teleport: a stop request ends them (the caller undoes the point).
            cancellation.ThrowIfCancellationRequested();
            Select(context, j);
            model.LossAndGradient(Inputs, Targets, _gradient);
            context.Optimizer.Step(model.Parameters, _gradient);
        }
        double sum = 0;
        long samples = 0;
        for (var j = 0; j < _steps; j++)
        {
            Select(context, j);
            sum += (double)model.Loss(Inputs, Targets) * _count;
            samples += _count;
        }
        return sum / samples;
    }

    private ReadOnlySpan<float> Inputs => _features.Slice(0, _count * _set.FeatureCount);

    private Targets<float> Targets => _set.IsClassification
        ? new Targets<float>(_labels.AsSpan(0, _count))
        : new Targets<float>(_targets.AsSpan(0, _count * _set.TargetCount));

    /// <summary>Gathers the trainer's batch <paramref name="ahead"/> places after the current one.</summary>
    private void Select(TrainingContext context, int ahead)
    {
        long position = (long)context.BatchIndex + ahead;
        var epoch = context.EpochIndex + (int)(position / _order.BatchCount);
        var batch = (int)(position % _order.BatchCount);
        if (_order.Epoch != epoch) _order.StartEpoch(epoch);
        var indices = _order.Batch(batch);
        _count = indices.Length;
        if (_set.IsClassification) _set.CopyBatch(indices, _features.Slice(0, _count * _set.FeatureCount), _labels.AsSpan(0, _count));
        else _set.CopyBatch(indices, _features.Slice(0, _count * _set.FeatureCount), _targets.AsSpan(0, _count * _set.TargetCount));
    }
}
