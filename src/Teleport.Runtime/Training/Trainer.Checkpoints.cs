using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Serialization;

namespace Teleport.Training;

// Writing checkpoints and resuming from them (layout: Checkpoints; trainer.json: CheckpointJson).
public sealed partial class Trainer
{
    /// <summary>
    /// Writes a checkpoint of the current state to <see cref="TrainerOptions.CheckpointDirectory"/> now
    /// (between runs or steps) and returns its folder. Never leaves a partial checkpoint visible.
    /// </summary>
    /// <exception cref="InvalidOperationException">No checkpoint directory is configured, or the trainer is running
    /// (the trainer checkpoints itself between steps; see <see cref="TrainerOptions.CheckpointInterval"/>), or another
    /// trainer of this process is writing checkpoints into the same directory now or training the same model or optimizer.</exception>
    public string SaveCheckpoint()
    {
        Claim("SaveCheckpoint is for a trainer that is not running; while running, the trainer checkpoints between steps");
        try
        {
            using var folderClaim = Options.CheckpointDirectory is { } directory ? CheckpointFolderClaims.Take(directory) : null;
            using var objectsClaim = RunningObjects.Take(Model, Optimizer); // read whole, not under another trainer's steps
            return WriteCheckpoint();
        }
        finally
        {
            Unclaim();
        }
    }

    private string WriteCheckpoint()
    {
        var directory = Options.CheckpointDirectory ?? throw new InvalidOperationException("TrainerOptions.CheckpointDirectory is not set.");
        var state = CaptureState();
        var optimizer = Optimizer.SaveState();
        var parameters = Model.Parameters.ToArray();
        var folder = Checkpoints.Commit(directory, _progress.GlobalStep, Options.CheckpointsToKeep, temp =>
        {
            var metadata = new Dictionary<string, string> { ["format"] = "pt", ["global_step"] = _progress.GlobalStep.ToString(CultureInfo.InvariantCulture) };
            SafeTensors.WriteParameters<float>(Path.Combine(temp, Checkpoints.ModelFileName), Model.Info, parameters, metadata);
            var buffers = new List<SafeTensor>(optimizer.Buffers.Count);
            foreach (var (name, values) in optimizer.Buffers) buffers.Add(SafeTensor.FromSingle(name, [values.Length], values));
            SafeTensors.Write(Path.Combine(temp, Checkpoints.OptimizerFileName), buffers);
            var digests = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [Checkpoints.ModelFileName] = Checkpoints.Sha256(Path.Combine(temp, Checkpoints.ModelFileName)),
                [Checkpoints.OptimizerFileName] = Checkpoints.Sha256(Path.Combine(temp, Checkpoints.OptimizerFileName)),
            };
            var json = CheckpointJson.ToUtf8Bytes(state with { CallbackStates = SaveCallbackStates(), FileDigests = digests });
            AtomicFile.Write(Path.Combine(temp, Checkpoints.StateFileName), stream => stream.Write(json));
            // Last, from the files as written: trainer.json's digest cannot be inside trainer.json.
            CheckpointSums.Write(temp, new Dictionary<string, string>(digests, StringComparer.Ordinal)
            {
                [Checkpoints.StateFileName] = Checkpoints.Sha256(Path.Combine(temp, Checkpoints.StateFileName)),
            });
        });
        _lastCheckpointStep = _progress.GlobalStep;
        return folder;
    }

    /// <summary>
    /// Resumes from the newest checkpoint in <see cref="TrainerOptions.CheckpointDirectory"/>, if there is one.
    /// Returns false (changing nothing) when there is none.
    /// </summary>
    /// <exception cref="TeleportDataException">The directory holds checkpoint folders but no <c>latest</c> naming one
    /// (<see cref="Checkpoints.RequireNoUnpublished"/>), <c>latest</c> is unusable, or the checkpoint is (see <see cref="Resume"/>).</exception>
    public bool TryResume()
    {
        var directory = Options.CheckpointDirectory ?? throw new InvalidOperationException("TrainerOptions.CheckpointDirectory is not set.");
        var latest = Checkpoints.FindLatest(directory);
        if (latest is null)
        {
            // Starting over would prune checkpoints the caller asked to resume from.
            Checkpoints.RequireNoUnpublished(directory);
            return false;
        }
        Resume(latest);
        return true;
    }

    /// <summary>
    /// Restores the state saved in checkpoint folder <paramref name="checkpoint"/>: parameters, optimizer
    /// state, position, accumulators, random state, history and callback states. The next <see cref="Run"/>
    /// continues exactly as the saved run would have. Everything is read and checked before anything changes.
    /// </summary>
    /// <exception cref="TeleportDataException">The checkpoint is missing, malformed, or from a different run
    /// (parameter count, training set size, batch size, order, seed, optimizer kind or callbacks differ), or a file of it
    /// differs from its SHA-256 in <see cref="Checkpoints.SumsFileName"/> (edited or corrupted), or that file is missing
    /// from a checkpoint written with one, or the optimizer or a callback refuses its state. Nothing has changed then: a
    /// refusal puts back the optimizer's and the callbacks' states as they were.</exception>
    public void Resume(string checkpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpoint);
        Claim("Cannot resume while running");
        try
        {
            using var objectsClaim = RunningObjects.Take(Model, Optimizer); // not rewritten under another trainer's steps
            ResumeClaimed(checkpoint);
        }
        finally
        {
            Unclaim();
        }
    }

    private void ResumeClaimed(string checkpoint)
    {
        var statePath = Path.Combine(checkpoint, Checkpoints.StateFileName);
        var state = CheckpointJson.Read(statePath);
        CheckSameRun(state, statePath);
        var parameters = new float[Model.Parameters.Length];
        SafeTensors.ReadParameters<float>(Path.Combine(checkpoint, Checkpoints.ModelFileName), Model.Info, parameters);
        var optimizerState = ReadOptimizerState(Path.Combine(checkpoint, Checkpoints.OptimizerFileName), state);
        var hashed = CheckSameCheckpoint(checkpoint, state, statePath);
        var callbackStates = MatchCallbackStates(state, statePath);
        // Last of the checks (the others say more about a damaged value), before anything changes: an edit to trainer.json
        // that every check above accepts (a loss in the history, a setting no identity names) would continue another run.
        CheckpointSums.Verify(checkpoint, required: CheckpointJson.HasSums(state.Version), state.Version, hashed);
        // The optimizer and the callbacks are restored by their own code, which may still refuse a state: a refusal puts back
        // what was restored before it (it left the checkpoint's optimizer state under the old parameters and position, and
        // the earlier callbacks' states, so that training on after the error continued a mixture of two runs).
        var optimizerBefore = Optimizer.SaveState();
        var callbacksBefore = SaveCallbackStates();
        try
        {
            try
            {
                Optimizer.LoadState(optimizerState);
            }
            catch (ArgumentException e)
            {
                throw new TeleportDataException(checkpoint, $"the optimizer state does not fit this optimizer ({e.Message})", null, e);
            }
            LoadCallbackStates(callbackStates, statePath);
        }
        catch
        {
            Optimizer.LoadState(optimizerBefore);
            for (var i = 0; i < _checkpointables.Length; i++) _checkpointables[i].LoadState(callbacksBefore[i].Value);
            throw;
        }
        parameters.CopyTo(Model.Parameters);
        _progress = state.Progress;
        _wallSecondsBefore = state.WallSeconds;
        Clock.Reset();
        Random.State = state.Random;
        History.Replace(state.Epochs, state.Teleports, state.LossTrace);
        _lastCheckpointStep = _progress.GlobalStep;
        _resumed = true;
        Divergence = null;
    }

    /// <summary>
    /// The files of <paramref name="checkpoint"/> were written together (a bad-input sweep swapped model.safetensors or
    /// trainer.json between two checkpoints of one run: the resume went on silently, to other numbers): the folder's
    /// step is the state's, and each tensor file has the SHA-256 the state recorded for it. Checked after the files'
    /// contents, whose own messages say more about a damaged value; checkpoints written before the digests have none.
    /// Returns the SHA-256 of each file it read (none without digests), so that the sums file's check reads no file twice.
    /// </summary>
    private static Dictionary<string, string> CheckSameCheckpoint(string checkpoint, CheckpointState state, string statePath)
    {
        var hashed = new Dictionary<string, string>(StringComparer.Ordinal);
        var c = CultureInfo.InvariantCulture;
        if (Checkpoints.StepOf(checkpoint) is { } step && step != state.Progress.GlobalStep)
            throw new TeleportDataException(statePath, string.Create(c,
                $"is at step {state.Progress.GlobalStep}, but its folder {Path.GetFileName(checkpoint)} is the checkpoint of step {step}: the file comes from another checkpoint"));
        if (state.FileDigests is not { } digests) return hashed;
        foreach (var name in (ReadOnlySpan<string>)[Checkpoints.ModelFileName, Checkpoints.OptimizerFileName])
        {
            var file = Path.Combine(checkpoint, name);
            if (!digests.TryGetValue(name, out var recorded))
                throw new TeleportDataException(statePath, $"records no SHA-256 for {name}");
            var actual = hashed[name] = Checkpoints.Sha256(file);
            if (actual != recorded)
                throw new TeleportDataException(file, $"has SHA-256 {actual[..12]}…, but {Checkpoints.StateFileName} beside it records {recorded[..12]}… for it: the files of {Path.GetFileName(checkpoint)} were not written together (copied from another checkpoint, or edited)");
        }
        return hashed;
    }

    private void CheckpointIfConfigured()
    {
        if (Options.CheckpointDirectory is null || _lastCheckpointStep == _progress.GlobalStep) return;
        WriteCheckpoint();
    }

    private CheckpointState CaptureState() => new()
    {
        ParameterCount = Model.Parameters.Length,
        TrainingSamples = TrainingSet.Count,
        BatchSize = Options.BatchSize,
        Order = Options.Order,
        Seed = Options.Seed,
        PlannedEpochs = Options.Epochs,
        TrainingData = TrainingSet.Fingerprint(),
        TestData = TestSet?.Fingerprint(),
        Identity = Options.RunIdentity,
        Progress = _progress.Clone(),
        WallSeconds = WallSeconds,
        Random = Random.State,
        OptimizerKind = Optimizer.Kind,
        OptimizerSettings = Optimizer.Settings,
        OptimizerStepCount = Optimizer.StepCount,
        Epochs = History.Epochs,
        Teleports = History.Teleports,
        LossTrace = History.LossTrace,
        CallbackStates = [],
    };

    private List<KeyValuePair<string, byte[]>> SaveCallbackStates()
    {
        var states = new List<KeyValuePair<string, byte[]>>(_checkpointables.Length);
        foreach (var c in _checkpointables) states.Add(new(c.StateKey, c.SaveState() ?? []));
        return states;
    }

    /// <summary>
    /// The checkpoint belongs to this run: the caller's identity first (it names settings as the caller does), then
    /// the trainer's own settings, the optimizer's, the data's fingerprints, the epochs and the position.
    /// </summary>
    private void CheckSameRun(CheckpointState state, string path)
    {
        CheckpointIdentity.RequireSame(state.Identity, Options.RunIdentity, path);
        static RecordValue Order(BatchOrder order) => order == BatchOrder.Sequential ? "sequential" : "shuffled";
        CheckpointIdentity.Require(state.ParameterCount == Model.Parameters.Length, path, "parameter_count", state.ParameterCount, Model.Parameters.Length);
        CheckpointIdentity.Require(state.BatchSize == Options.BatchSize, path, "batch_size", state.BatchSize, Options.BatchSize);
        CheckpointIdentity.Require(state.Order == Options.Order, path, "order", Order(state.Order), Order(Options.Order));
        CheckpointIdentity.Require(state.Seed == Options.Seed, path, "seed", state.Seed, Options.Seed);
        CheckpointIdentity.Require(state.OptimizerKind == Optimizer.Kind, path, "optimizer",
            OptimizerFields.KindName(state.OptimizerKind), OptimizerFields.KindName(Optimizer.Kind));
        CheckpointIdentity.RequireSameOptimizerSettings(OptimizerFields.Describe(state.OptimizerKind, state.OptimizerSettings), OptimizerFields.Describe(Optimizer), path,
            learningRate: Options.OwnsOptimizer);
        CheckpointIdentity.Require(state.TrainingSamples == TrainingSet.Count, path, "training_samples", state.TrainingSamples, TrainingSet.Count);
        CheckpointIdentity.Require(state.TrainingData == TrainingSet.Fingerprint(), path, "training_data", state.TrainingData, TrainingSet.Fingerprint());
        var testData = TestSet?.Fingerprint();
        CheckpointIdentity.Require(state.TestData == testData, path, "test_data",
            state.TestData is null ? RecordValue.Null : state.TestData, testData is null ? RecordValue.Null : testData);
        var c = CultureInfo.InvariantCulture;
        var p = state.Progress;
        if (Options.Epochs < state.PlannedEpochs)
            throw new CheckpointMismatchException(path, "epochs", state.PlannedEpochs.ToString(c), Options.Epochs.ToString(c), string.Create(c,
                $"was written by a run of {state.PlannedEpochs} epochs, but this run has {Options.Epochs}: a resumed run may train more epochs, never fewer"));
        if (p.EpochIndex > state.PlannedEpochs || (p.EpochIndex == state.PlannedEpochs && p.BatchIndex > 0))
            throw new TeleportDataException(path, string.Create(c, $"has position epoch {p.EpochIndex + 1}, batch {p.BatchIndex}, beyond the {state.PlannedEpochs} epochs of its run"));
        if (p.BatchIndex > BatchesPerEpoch || p.EpochBatches != p.BatchIndex || (p.BatchIndex == BatchesPerEpoch))
            throw new TeleportDataException(path, string.Create(c, $"has position batch {p.BatchIndex} of {BatchesPerEpoch} with {p.EpochBatches} batches accumulated, which is not a position between steps"));
        if (p.GlobalStep < 0 || p.EpochSamples < 0 || p.WindowSamples < 0 || p.WindowSteps < 0)
            throw new TeleportDataException(path, "has a negative step or sample count");
        CheckAccumulators(state, path);
        CheckpointHistoryCheck.Check(state, BatchesPerEpoch, Options.StopOnDivergence, path);
        if (Options.OwnsOptimizer) CheckpointOptimizerCheck.StepCount(state, _callbacks, path);
    }

    /// <summary>
    /// Times and sums no run writes (found by a bad-input sweep: an edited <c>wall_seconds: -1</c> resumed and printed
    /// −0.98 s; NaN in <c>epoch_loss_sum</c> resumed and recorded a NaN epoch loss). The training times, the position's and
    /// each recorded epoch's, are finite and ≥ 0, and a sum of ‖∇L‖² ≥ 0, in every run; the sums and the epochs' losses and
    /// ‖∇L‖² are finite in a run that stops on divergence (it takes no step whose loss or gradient is not finite, and
    /// records no epoch whose test loss is not), while one that does not may have written NaN itself and resumes from it.
    /// </summary>
    private void CheckAccumulators(CheckpointState state, string path)
    {
        var p = state.Progress;
        if (!double.IsFinite(state.WallSeconds) || state.WallSeconds < 0)
            throw new TeleportDataException(path, $"has wall_seconds {RecordJson.Text(state.WallSeconds)}, which is not a training time (finite and ≥ 0)");
        if (p.EpochGradNormSquaredSum < 0)
            throw new TeleportDataException(path, $"has epoch_grad_norm_sq_sum {RecordJson.Text(p.EpochGradNormSquaredSum)}, below 0 (a sum of squares)");
        if (Options.StopOnDivergence)
            foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[("epoch_loss_sum", p.EpochLossSum), ("epoch_grad_norm_sq_sum", p.EpochGradNormSquaredSum), ("window_loss_sum", p.WindowLossSum)])
                if (!double.IsFinite(value))
                    throw new TeleportDataException(path, $"has {name} {RecordJson.Text(value)}, which no run that stops on divergence accumulates (finite)");
        // The history too (the sweep's NaN sum, resumed before this check, had left an epoch whose train_loss was NaN, and
        // every later resume printed it as the run's final loss): its times always; its mean loss, ‖∇L‖² and test loss when
        // the run stops on divergence, which records no epoch where they are not finite.
        foreach (var e in state.Epochs)
        {
            if (!double.IsFinite(e.WallSeconds) || e.WallSeconds < 0)
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture, $"has epoch {e.Epoch}'s wall_seconds {RecordJson.Text(e.WallSeconds)}, which is not a training time (finite and ≥ 0)"));
            if (!Options.StopOnDivergence) continue;
            foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[("train_loss", e.TrainLoss), ("grad_norm_sq", e.GradNormSquared), ("test_loss", e.TestLoss ?? 0)])
                if (!double.IsFinite(value))
                    throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                        $"has epoch {e.Epoch}'s {name} {RecordJson.Text(value)}, which no run that stops on divergence records (finite)"));
        }
    }

    private OptimizerState<float> ReadOptimizerState(string path, CheckpointState state)
    {
        var file = SafeTensors.Read(path);
        // Names first: a tensor of another optimizer has another length too, and "has 1 values, expected 12804" hid that.
        CheckpointOptimizerCheck.Buffers(file, Optimizer, path);
        var buffers = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
        {
            if (tensor.ElementCount != state.ParameterCount)
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"buffer \"{tensor.Name}\" has {tensor.ElementCount} values, expected {state.ParameterCount}"));
            buffers.Add(tensor.Name, tensor.ToSingleArray());
        }
        var read = new OptimizerState<float>
        {
            Kind = state.OptimizerKind,
            ParameterCount = state.ParameterCount,
            StepCount = state.OptimizerStepCount,
            Settings = state.OptimizerSettings,
            Buffers = buffers,
        };
        // A damaged state would otherwise load, make the first step NaN and be reported as a divergence blaming --lr. A
        // run with the divergence stop off may itself have written non-finite state, and may resume from it.
        if (Options.StopOnDivergence && OptimizerStateValues.FindImpossible(read) is { } problem) throw new TeleportDataException(path, problem);
        return read;
    }

    /// <summary>
    /// Hands each callback its saved state, before the parameters, position and history change. A state a callback cannot read
    /// (it throws <see cref="InvalidDataException"/>, as <see cref="ICheckpointableCallback.LoadState"/> asks, or an
    /// argument or I/O error from its reader) is an error of <paramref name="path"/>, the file it came from.
    /// </summary>
    private void LoadCallbackStates(byte[][] states, string path)
    {
        for (var i = 0; i < _checkpointables.Length; i++)
        {
            try
            {
                _checkpointables[i].LoadState(states[i]);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or FormatException)
            {
                throw new TeleportDataException(path, $"the state of the callback \"{_checkpointables[i].StateKey}\" cannot be restored ({e.Message})", null, e);
            }
        }
    }

    private byte[][] MatchCallbackStates(CheckpointState state, string path)
    {
        var saved = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in state.CallbackStates) saved[key] = value;
        var result = new byte[_checkpointables.Length][];
        for (var i = 0; i < _checkpointables.Length; i++)
            if (!saved.Remove(_checkpointables[i].StateKey, out result[i]!))
                throw new TeleportDataException(path, $"holds no state for the callback \"{_checkpointables[i].StateKey}\"");
        foreach (var key in saved.Keys)
            throw new TeleportDataException(path, $"holds state for a callback \"{key}\" this trainer does not have");
        return result;
    }
}
