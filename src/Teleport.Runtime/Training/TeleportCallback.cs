using System;
using System.Diagnostics;
using Teleport.Records;
using Teleport.Teleportation;

namespace Teleport.Training;

/// <summary>
/// Teleport-augmented training: a trainer callback that, at the points of a <see cref="TeleportSchedule"/>,
/// teleports the model on a batch drawn from the training set (<see cref="TeleportBatchSampler"/>) with a
/// <see cref="Teleporter{T}"/>, then applies the <see cref="OptimizerStatePolicy"/>, optionally tests the
/// teleport by look-ahead, and records a <see cref="TeleportEvent"/>. As a control arm
/// (<see cref="TeleportTrainingOptions.ControlOnly"/>) it only applies the policy at the same points.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Everything runs in <c>OnBatchStart</c>, on the training clock: teleports, look-ahead
/// steps and recording count in <see cref="EpochRecord.WallSeconds"/>.</para>
/// <para><b>Stop requests.</b> The teleport and the look-ahead check <see cref="TrainingContext.CancellationToken"/>
/// (the teleporter before each ascent step and between an objective's directions and probes, the look-ahead before each
/// step). When it fires the teleport point is undone — parameters, optimizer state, schedule, sampler and the epoch's
/// counters are as before the point began (<see cref="TeleportStartPoint"/>), nothing is recorded — and the
/// <see cref="OperationCanceledException"/> ends the run <see cref="TrainingStatus.Canceled"/> before the step, so a
/// checkpoint written then resumes bit-identical to an uninterrupted run.</para>
/// <para><b>Resume.</b> The schedule's counters and adaptive statistics, the sampler's position, the epoch's
/// counters and the teleporter's count of teleports (the stream of a sharpness or trace objective's random draws) are
/// saved with checkpoints (<see cref="ICheckpointableCallback"/>), so a resumed run teleports at the same points on the
/// same batches, with the same draws, as an uninterrupted one and ends bit-identical.</para>
/// <para><b>Records.</b> Each teleport's event has the standard fields (on the teleport batch) and extra
/// ones: trigger, batch, loss_drift, relative_loss_drift, grad_norm_sq_gain, grad_norm_sq_trace,
/// backtracks, rejected_steps, stop_reason, symmetries, final_lr, ascent_seconds, policy,
/// optimizer_state (what the policy did: reset, kept, transported, reset_fallback — with
/// transport_blocked_by naming the data-dependent symmetry, or the GL(k) one under RMSProp's momentum), kept, and with a look-ahead
/// lookahead_loss_teleported, lookahead_loss_plain, lookahead_seconds. <c>seconds</c> is the whole cost of
/// the teleport point (sampling, ascent, policy, look-ahead). Each epoch record gets <c>teleports</c> (and
/// <c>teleports_kept</c> with a look-ahead), or <c>control_points</c> in a control arm.</para>
/// </remarks>
public sealed partial class TeleportCallback : ICheckpointableCallback, IReportsStateChanges
{
    private readonly ITeleportable<float> _model;
    private readonly Teleporter<float> _teleporter;
    private readonly TeleportScheduleState _schedule = new();
    private TeleportBatchSampler? _sampler;
    private TeleportLookahead? _lookahead;
    private TeleportStartPoint? _start;
    private (long Permutations, int Position)? _pendingSampler;
    private TrainingContext? _context;
    private int _epochTeleports;
    private int _epochKept;

    /// <summary>A callback teleporting <paramref name="model"/> (the trainer's model) as <paramref name="options"/> say.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public TeleportCallback(ITeleportable<float> model, TeleportTrainingOptions options, string stateKey = "teleport")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(stateKey);
        options.Validate();
        _model = model;
        Options = options;
        StateKey = stateKey;
        _teleporter = new Teleporter<float>(model);
    }

    /// <summary>The options.</summary>
    public TeleportTrainingOptions Options { get; }

    /// <inheritdoc />
    public string StateKey { get; }

    /// <summary>Teleports (or, in a control arm, control points) so far in the run.</summary>
    public int Count => _schedule.Total;

    /// <summary>The teleporter (its accumulated group elements describe the last teleport).</summary>
    public Teleporter<float> Teleporter => _teleporter;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The trainer's model is not this callback's, or the callback already serves
    /// another trainer (one callback per trainer; the same trainer may run again).</exception>
    public void OnTrainingStart(TrainingContext context)
    {
        if (!ReferenceEquals(context.Model, _model))
            throw new InvalidOperationException("The TeleportCallback was created for another model than the trainer's.");
        // The sampler, the start point and the look-ahead are built from the first trainer's training set, options and
        // optimizer: in another trainer they teleported on the first one's batches and looked ahead with its batch order.
        if (_context is not null && !ReferenceEquals(context, _context))
            throw new InvalidOperationException("The TeleportCallback already serves another trainer (its teleport batches and look-ahead come from that trainer's training set and options): create one per trainer.");
        _context = context;
        if (_sampler is null && !Options.ControlOnly)
        {
            _sampler = new TeleportBatchSampler(context.TrainingSet, Options.BatchSize, Options.Seed ?? context.Options.Seed);
            if (_pendingSampler is { } pending) _sampler.Restore(pending.Permutations, pending.Position);
            _pendingSampler = null;
        }
        // A look-ahead longer than the whole run tests a teleport on batches the run never trains on (and one near
        // 2³¹ steps would never finish): it is a mistake, said before the first step.
        var runSteps = (long)context.Options.Epochs * context.BatchesPerEpoch;
        if (Options.LookaheadSteps > runSteps && !Options.ControlOnly)
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"TeleportTrainingOptions.LookaheadSteps is {Options.LookaheadSteps}, more than the run's {runSteps} steps."), nameof(Options));
        // An epoch past the run's end schedules teleports that never happen (the run trained plain and said nothing).
        foreach (var epoch in Options.Schedule.Epochs)
            if (epoch > context.Options.Epochs && Options.Schedule.CountPerEpoch > 0)
                throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"TeleportSchedule.Epochs holds {epoch}, beyond the run's {context.Options.Epochs} epochs (1-based)."), nameof(Options));
        if (_start is null && !Options.ControlOnly)
        {
            _start = new TeleportStartPoint(context, withOptimizer: Options.LookaheadSteps > 0);
            if (Options.LookaheadSteps > 0) _lookahead = new TeleportLookahead(context, Options.LookaheadSteps, _start);
        }
    }

    /// <inheritdoc />
    public void OnBatchStart(TrainingContext context)
    {
        if (Options.Schedule.Due(context, _schedule) is not { } trigger) return;
        if (Options.ControlOnly)
        {
            _schedule.Fired(context.GlobalStep);
            OptimizerStateTransport.WithoutTeleport(Options.OptimizerState, context.Optimizer);
            context.StateChanged();
            _epochTeleports++;
            return;
        }
        var sampler = _sampler ?? throw new InvalidOperationException("The trainer did not call OnTrainingStart.");
        var start = _start!;
        start.Capture(context, _schedule, sampler, _teleporter);
        try
        {
            _schedule.Fired(context.GlobalStep);
            Teleport(context, sampler, trigger);
            context.StateChanged(); // the trainer's replay point moves to after the teleport (Trainer.Replay.cs)
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // A stop request inside the teleport or the look-ahead: the point is undone, not half-applied, and the
            // trainer ends the run without the step (a resumed run teleports here again, as an uninterrupted one does).
            start.Restore(context, _schedule, sampler, _teleporter);
            throw;
        }
    }

    /// <inheritdoc />
    public void OnBatchEnd(TrainingContext context) => _schedule.Observe(context.BatchGradNormSquared);

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (Options.ControlOnly)
        {
            record.Extra.Set("control_points", _epochTeleports);
        }
        else
        {
            record.Extra.Set("teleports", _epochTeleports);
            if (_lookahead is not null) record.Extra.Set("teleports_kept", _epochKept);
        }
        _epochTeleports = 0;
        _epochKept = 0;
    }

    private void Teleport(TrainingContext context, TeleportBatchSampler sampler, TeleportTrigger trigger)
    {
        var start = Stopwatch.GetTimestamp();
        sampler.Next();
        var report = _teleporter.Teleport(sampler.Inputs, sampler.Targets, Options.Teleport, context.CancellationToken);
        var outcome = OptimizerStateTransport.AfterTeleport(Options.OptimizerState, context.Optimizer, _teleporter);
        var blockedBy = outcome == OptimizerStateOutcome.ResetFallback ? OptimizerStateTransport.TransportBlockedBy(context.Optimizer, _teleporter) ?? "the model" : null;
        TeleportLookaheadResult? lookahead = _lookahead is not null && Moved(report)
            ? _lookahead.Decide(context, Options.OptimizerState)
            : null;
        var kept = lookahead?.Kept ?? true;
        _epochTeleports++;
        if (kept) _epochKept++;
        var extra = DescribeTeleport(report, trigger, sampler.BatchSize, outcome, blockedBy, kept, lookahead);
        context.RecordTeleport(report.LossBefore, report.LossAfter, report.GradNormSquaredBefore, report.GradNormSquaredAfter,
            report.StepsTaken, Stopwatch.GetElapsedTime(start).TotalSeconds, extra);
    }

    /// <summary>
    /// Whether the teleport left θ somewhere else: a level-set teleport's steps are its accepted SLP iterates, and it ends at
    /// <see cref="TeleportReport.EndIterate"/> (0: where it began; both look-ahead branches then started from θ₀ and the
    /// teleport was recorded as not kept).
    /// </summary>
    private static bool Moved(TeleportReport report) =>
        report.Method == TeleportMethod.LevelSet ? report.EndIterate > 0 : report.StepsTaken > 0;
}
