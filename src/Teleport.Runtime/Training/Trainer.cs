using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Teleport.Data;
using Teleport.Kernels;
using Teleport.Optimizers;

namespace Teleport.Training;

/// <summary>
/// Trains a model with an optimizer for a number of epochs of mini-batches, evaluating on a test set
/// after each epoch, recording a <see cref="TrainingHistory"/>, calling <see cref="ITrainingCallback"/>s
/// around every step, and writing checkpoints from which a run resumes bit-identically.
/// </summary>
/// <remarks>
/// <para><b>A step.</b> Select the batch (a contiguous slice in sequential order, gathered into buffers
/// allocated once in shuffled order) → <c>OnBatchStart</c> callbacks (may teleport) →
/// <c>LossAndGradient</c> → ‖∇L‖² → <c>optimizer.Step</c> → accumulate → <c>OnBatchEnd</c> callbacks.
/// Nothing is allocated per step.</para>
/// <para><b>An epoch's end.</b> Close the loss-trace window, evaluate the test set (off the clock),
/// add the <see cref="Records.EpochRecord"/>, <c>OnEpochEnd</c> callbacks, checkpoint.</para>
/// <para><b>Cancellation</b> is checked between steps: <see cref="Run"/> returns
/// <see cref="TrainingStatus.Canceled"/> after writing a checkpoint (if configured), and a later
/// <see cref="Run"/> (or a new trainer after <see cref="Resume"/>) continues where it stopped. Callbacks see the
/// token (<see cref="TrainingContext.CancellationToken"/>): one whose <c>OnBatchStart</c> (a teleport) throws an
/// <see cref="OperationCanceledException"/> for it, having undone its own changes, ends the run the same way before
/// the batch's step, which the continued run then takes.</para>
/// <para><b>A callback that throws</b> (other than for the token, above) ends <see cref="Run"/> with its exception, the
/// trainer's position kept consistent so that a later <see cref="Run"/> continues where it stopped: a throw from
/// <c>OnBatchEnd</c> comes after the step, which counts (the batch's remaining <c>OnBatchEnd</c> callbacks are skipped), and
/// one from <c>OnEpochEnd</c> after the epoch's record, which counts (its checkpoint is not written); one from
/// <c>OnBatchStart</c> comes before the step, so the continued run starts that batch again, every <c>OnBatchStart</c>
/// included.</para>
/// <para><b>Divergence.</b> When a batch's loss or ‖∇L‖² is NaN or infinite, no step is taken from that
/// point (where the gradient is checked after the update, the step is undone to the same bits: see
/// <c>Trainer.Replay.cs</c>); when the parameters, the optimizer state or the test loss are non-finite at an epoch's end (the optimizer
/// state also before an interval checkpoint), the epoch is not recorded and the checkpoint not written.
/// Either way <see cref="Run"/> returns <see cref="TrainingStatus.Diverged"/> with <see cref="Divergence"/>
/// saying where, and writes no checkpoint, so the last checkpoint is the last good state
/// (<see cref="TrainerOptions.StopOnDivergence"/> = false trains on, recording non-finite numbers as they are).</para>
/// <para><b>Determinism.</b> Given the same model initialisation, options, data and callbacks, a run's
/// parameters and recorded numbers (all but times) are identical on the same machine — also when it is
/// interrupted and resumed from any checkpoint.</para>
/// </remarks>
public sealed partial class Trainer
{
    private readonly ITrainingCallback[] _callbacks;
    private readonly ICheckpointableCallback[] _checkpointables;
    private readonly Evaluator? _evaluator;
    private readonly AlignedArray<float> _gradient;
    private TrainingProgress _progress = new();
    private double _wallSecondsBefore;
    private long _lastCheckpointStep = -1;
    private bool _resumed;
    private int _busy; // 1 while Run, Resume or SaveCheckpoint has the trainer (Claim)
    private bool _stopRequested;
    private bool _canceledInBatch;
    private CancellationToken _cancellation;

    /// <summary>Creates a trainer. The model's parameters are used as they are (initialise them first).</summary>
    /// <param name="model">The model to train.</param>
    /// <param name="optimizer">The optimizer, for the model's parameter count.</param>
    /// <param name="trainingSet">Training samples (not empty).</param>
    /// <param name="testSet">Samples evaluated after each epoch, or null.</param>
    /// <param name="options">How to train.</param>
    /// <param name="callbacks">Callbacks, called in this order.</param>
    /// <exception cref="ArgumentException">Sizes do not fit, invalid options, or duplicate callback state keys.</exception>
    public Trainer(
        IDifferentiableModel<float> model,
        Optimizer<float> optimizer,
        Dataset trainingSet,
        Dataset? testSet,
        TrainerOptions options,
        IEnumerable<ITrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(trainingSet);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ModelDataCheck.Check(model, trainingSet, nameof(trainingSet));
        if (testSet is not null) ModelDataCheck.Check(model, testSet, nameof(testSet));
        if (trainingSet.Count == 0) throw new ArgumentException($"{trainingSet.Name} is empty.", nameof(trainingSet));
        if (testSet is { Count: 0 }) throw new ArgumentException($"{testSet.Name} is empty; pass null for no test set.", nameof(testSet));
        var parameterCount = model.Parameters.Length;
        if (optimizer.ParameterCount != parameterCount)
            throw new ArgumentException($"The optimizer is for {optimizer.ParameterCount} parameters; {model.Info.Name} has {parameterCount}.", nameof(optimizer));
        _callbacks = callbacks is null ? [] : [.. callbacks];
        var checkpointables = new List<ICheckpointableCallback>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var callback in _callbacks)
        {
            ArgumentNullException.ThrowIfNull(callback, nameof(callbacks));
            if (callback is not ICheckpointableCallback c) continue;
            if (!keys.Add(c.StateKey)) throw new ArgumentException($"Two callbacks have the state key \"{c.StateKey}\".", nameof(callbacks));
            checkpointables.Add(c);
        }
        _checkpointables = [.. checkpointables];
        Model = model;
        Optimizer = optimizer;
        TrainingSet = trainingSet;
        TestSet = testSet;
        Options = options;
        Batch = new BatchSource(trainingSet, options.BatchSize, options.Order, options.Seed, options.LoadBatchesAhead);
        _evaluator = testSet is null ? null : new Evaluator(model, Math.Min(options.EvaluationBatchSize, testSet.Count));
        _gradient = new AlignedArray<float>(parameterCount);
        Random = new SeededRandom(options.Seed, -1);
        Context = new TrainingContext(this);
    }

    /// <summary>The model being trained.</summary>
    public IDifferentiableModel<float> Model { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer<float> Optimizer { get; }

    /// <summary>The training set.</summary>
    public Dataset TrainingSet { get; }

    /// <summary>The test set, if any.</summary>
    public Dataset? TestSet { get; }

    /// <summary>The options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>What the run has recorded so far.</summary>
    public TrainingHistory History { get; } = new();

    /// <summary>
    /// Batches that the second core copied ahead for this trainer's steps since it was made
    /// (<see cref="TrainerOptions.LoadBatchesAhead"/>); 0 when batches are used in place, the option is off, the machine has
    /// one core, the products use two threads, or the run measured the loader as no faster. Changes no number.
    /// </summary>
    public long BatchesLoadedAhead => Batch.BatchesLoadedAhead;

    /// <summary>The context callbacks receive.</summary>
    public TrainingContext Context { get; }

    /// <summary>The epoch in progress (0-based); equals the number of completed epochs.</summary>
    public int EpochIndex => _progress.EpochIndex;

    /// <summary>The next batch of the epoch in progress (in a batch callback: the current one).</summary>
    public int BatchIndex => _progress.BatchIndex;

    /// <summary>Batches per epoch (the last one may be partial).</summary>
    public int BatchesPerEpoch => Batch.BatchCount;

    /// <summary>Optimizer steps taken since the start of the run.</summary>
    public long GlobalStep => _progress.GlobalStep;

    /// <summary>Cumulative training time of the run, in seconds (see <see cref="Records.EpochRecord.WallSeconds"/>).</summary>
    public double WallSeconds => _wallSecondsBefore + Clock.Elapsed.TotalSeconds;

    /// <summary>Where the run diverged, when <see cref="Run"/> returned <see cref="TrainingStatus.Diverged"/>; null otherwise.</summary>
    public TrainingDivergence? Divergence { get; private set; }

    /// <summary>True when every epoch of <see cref="TrainerOptions.Epochs"/> has run.</summary>
    public bool IsComplete => _progress.EpochIndex >= Options.Epochs;

    internal BatchSource Batch { get; }

    internal SeededRandom Random { get; }

    internal Stopwatch Clock { get; } = new();

    internal ReadOnlySpan<float> Gradient => _gradient;

    internal float LastBatchLoss { get; private set; }

    internal double LastBatchGradNormSquared { get; private set; }

    internal bool InBatch { get; private set; }

    internal bool IsResumedRun => _resumed;

    internal void RequestStop() => _stopRequested = true;

    /// <summary>The token of the <see cref="Run"/> under way (none outside one).</summary>
    internal CancellationToken Cancellation => _cancellation;

    /// <summary>
    /// Trains until every epoch has run, or until <paramref name="cancellationToken"/> fires or a callback
    /// calls <see cref="TrainingContext.RequestStop"/> (both checked between steps; the token also inside a teleport,
    /// see <see cref="TrainingContext.CancellationToken"/>). Returns how it ended; <see cref="History"/> holds the records.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called while the trainer runs (from a callback of a running <see cref="Run"/>,
    /// or from another thread during a <see cref="Run"/>, <see cref="Resume"/> or <see cref="SaveCheckpoint"/>), or after the
    /// run diverged (resume from a checkpoint to train again), or while another trainer of this process is training the same
    /// model or optimizer instance or writing checkpoints into the same <see cref="TrainerOptions.CheckpointDirectory"/>
    /// (its <see cref="Run"/> or <see cref="SaveCheckpoint"/>): said before the first step.</exception>
    /// <exception cref="System.IO.IOException"><see cref="TrainerOptions.CheckpointDirectory"/> is a file (or another
    /// non-folder), or one is where a folder above it should be: said before the first step.</exception>
    public TrainingStatus Run(CancellationToken cancellationToken = default)
    {
        Claim("The trainer is already running");
        IDisposable? folderClaim = null, objectsClaim = null;
        try
        {
            if (Divergence is { } divergence) throw new InvalidOperationException($"The run diverged ({divergence}); resume from a checkpoint to train again.");
            // before training, not at the first checkpoint an epoch later
            if (Options.CheckpointDirectory is { } checkpoints)
            {
                Checkpoints.RequireFolder(checkpoints);
                folderClaim = CheckpointFolderClaims.Take(checkpoints);
            }
            objectsClaim = RunningObjects.Take(Model, Optimizer);
        }
        catch
        {
            folderClaim?.Dispose();
            Unclaim();
            throw;
        }
        _stopRequested = false;
        _canceledInBatch = false;
        _cancellation = cancellationToken;
        try
        {
            // Room for every epoch record and trace point up front, so that closing a window allocates nothing
            // (capped: beyond that the rare regrowth of a list is immaterial, and a huge epoch count must not
            // allocate for epochs that may never run).
            var tracePoints = Math.Min((long)Options.Epochs * (BatchesPerEpoch / Options.LossTraceInterval + 1), 1 << 20);
            History.EnsureCapacity(Math.Min(Options.Epochs, 1 << 16), (int)tracePoints);
            foreach (var callback in _callbacks) callback.OnTrainingStart(Context);
            ChooseStepCheck();
            while (!IsComplete)
            {
                Batch.StartEpoch(_progress.EpochIndex);
                TakeReplayPoint();
                while (_progress.BatchIndex < BatchesPerEpoch)
                {
                    if (_stopRequested || cancellationToken.IsCancellationRequested) return End(TrainingStatus.Canceled);
                    Step();
                    if (_canceledInBatch) return End(TrainingStatus.Canceled);
                    if (Divergence is not null) return End(TrainingStatus.Diverged);
                    if (Options.CheckpointInterval > 0 && _progress.GlobalStep % Options.CheckpointInterval == 0
                        && _progress.BatchIndex < BatchesPerEpoch)
                    {
                        // a state no resume accepts is not written: the run stops there (the checkpoint's pass reads it anyway)
                        if (Options.StopOnDivergence && Options.CheckpointDirectory is not null && OptimizerStateDiverged(_progress.BatchIndex))
                            return End(TrainingStatus.Diverged);
                        CheckpointIfConfigured();
                    }
                }
                EndEpoch();
                if (Divergence is not null) return End(TrainingStatus.Diverged);
            }
            return End(TrainingStatus.Completed);
        }
        finally
        {
            Batch.Release();
            _cancellation = CancellationToken.None;
            _resumed = false;
            objectsClaim?.Dispose();
            folderClaim?.Dispose();
            Unclaim();
        }
    }

    /// <summary>
    /// Takes the trainer for <see cref="Run"/>, <see cref="Resume"/> or <see cref="SaveCheckpoint"/>, or throws when one of
    /// them has it (on this thread: from a callback; on another). Atomic: a flag read and then set let two threads' calls
    /// of <see cref="Run"/> both pass the check and train one model with one optimizer at once — interleaved steps whose
    /// numbers neither run alone gives — and a resume on one thread rewrite the parameters under the other's steps.
    /// </summary>
    private void Claim(string refusal)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
            throw new InvalidOperationException($"{refusal}: a Run, Resume or SaveCheckpoint of this trainer is under way (from a callback, or on another thread). A trainer does one at a time.");
    }

    private void Unclaim() => Volatile.Write(ref _busy, 0);

    private TrainingStatus End(TrainingStatus status)
    {
        if (status == TrainingStatus.Canceled && Options.CheckpointOnCancel) CheckpointIfConfigured();
        foreach (var callback in _callbacks) callback.OnTrainingEnd(Context, status);
        return status;
    }
}
