using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>Cancels a token once the given number of steps has been taken.</summary>
internal sealed class CancelAfter(long step, CancellationTokenSource source) : ITrainingCallback
{
    public void OnBatchEnd(TrainingContext context)
    {
        if (context.GlobalStep == step) source.Cancel();
    }
}

/// <summary>Records what each batch callback saw.</summary>
internal sealed class BatchRecorder : ITrainingCallback
{
    public List<(int Epoch, int Batch, long Step, float[] Inputs, int[] Labels)> Batches { get; } = [];

    public List<(float Loss, double GradNormSquared)> Ends { get; } = [];

    public List<string> Calls { get; } = [];

    public void OnTrainingStart(TrainingContext context) => Calls.Add(context.IsResumed ? "start(resumed)" : "start");

    public void OnBatchStart(TrainingContext context)
    {
        Calls.Add("batch");
        Batches.Add((context.EpochIndex, context.BatchIndex, context.GlobalStep, context.BatchInputs.ToArray(), context.BatchTargets.Labels.ToArray()));
    }

    public void OnBatchEnd(TrainingContext context) => Ends.Add((context.BatchLoss, context.BatchGradNormSquared));

    public void OnEpochEnd(TrainingContext context, EpochRecord record) => Calls.Add($"epoch{record.Epoch}");

    public void OnTrainingEnd(TrainingContext context, TrainingStatus status) => Calls.Add($"end({status})");
}

/// <summary>
/// A stand-in for teleportation with state: every <c>every</c> steps, at most <c>max</c> times, it rescales
/// the parameters by a factor drawn from the context's generator and from its own counter, records a
/// teleport event and resets the optimizer (as the paper does). Its counter is checkpointed; it also adds
/// an extra field to every epoch record.
/// </summary>
internal sealed class FakeTeleport(int every, int max) : ICheckpointableCallback
{
    private int _count;

    public string StateKey => "fake-teleport";

    public void OnBatchStart(TrainingContext context)
    {
        if (context.GlobalStep == 0 || context.GlobalStep % every != 0 || _count >= max) return;
        var clock = Stopwatch.StartNew();
        var before = context.Model.Loss(context.BatchInputs, context.BatchTargets);
        var factor = 1f + 0.02f * (float)(context.Random.NextDouble() - 0.5) + 0.001f * _count;
        var parameters = context.Model.Parameters;
        for (var i = 0; i < parameters.Length; i++) parameters[i] *= factor;
        var after = context.Model.Loss(context.BatchInputs, context.BatchTargets);
        context.Optimizer.Reset();
        _count++;
        context.RecordTeleport(before, after, 1.0, factor, _count, clock.Elapsed.TotalSeconds,
            new RecordFields().Add("factor", factor));
    }

    public void OnEpochEnd(TrainingContext context, EpochRecord record) => record.Extra.Set("teleports_so_far", _count);

    public byte[] SaveState()
    {
        var state = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(state, _count);
        return state;
    }

    public void LoadState(ReadOnlySpan<byte> state) => _count = BinaryPrimitives.ReadInt32LittleEndian(state);
}

/// <summary>A checkpointable callback whose SaveState throws from the given call on.</summary>
internal sealed class FailingState(int failFromCall) : ICheckpointableCallback
{
    private int _calls;

    public string StateKey => "failing";

    public byte[] SaveState() => ++_calls >= failFromCall ? throw new InvalidOperationException("disk full (simulated)") : [1, 2, 3];

    public void LoadState(ReadOnlySpan<byte> state)
    {
    }
}
