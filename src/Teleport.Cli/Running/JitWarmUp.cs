using System;
using System.Threading;
using Teleport.Cli.Data;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Training;

namespace Teleport.Cli.Running;

/// <summary>
/// Compiles a run's code before its training clock starts, on another thread while the data load: a
/// throw-away copy of the run (same model type, optimizer kind and settings, batch size and order; a
/// teleport and the test-set evaluation when the run has them) trains for one epoch on a few seeded
/// samples of the data's shape.
/// </summary>
/// <remarks>
/// <para>The tool runs with tiered compilation off (every method optimised at its first call), so the
/// first epoch used to pay for compiling the step, its kernels and the optimizer on the training clock
/// — measured 0.1–0.2 s, 3–4× the epoch's steps (<c>teleport bench</c>'s epoch case). Compiled code
/// is shared by all threads, so after the copy has run the real run's first step finds it ready.</para>
/// <para>The copy shares no state with the run: its own model, optimizer, data and trainer, no
/// callbacks, nothing written. It cannot change a result; a failure in it is ignored (the run itself
/// reports any problem with its settings).</para>
/// </remarks>
internal sealed class JitWarmUp
{
    private readonly Thread _thread;

    private JitWarmUp(Action run)
    {
        _thread = new Thread(() =>
        {
            try
            {
                run();
            }
            catch (Exception)
            {
                // Only compilation was wanted; the real run reports problems with its settings itself.
            }
        })
        { IsBackground = true, Name = "teleport JIT warm-up" };
    }

    /// <summary>Starts compiling the run that <paramref name="s"/> describes (its teleport arm when it teleports).</summary>
    public static JitWarmUp Start(ModelEntry entry, RunSettings s) =>
        Start(entry, s.Seed, s.Optimizer, s.OptimizerSettings, s.TrainerOptions, s.Teleport || s.Control ? s.TeleportOptions(control: s.Control) : null,
            byteImages: s.Dataset != DatasetKind.Synthetic);

    /// <summary>
    /// Starts compiling a run of <paramref name="entry"/> with these settings on a background thread; with
    /// <paramref name="byteImages"/> on samples kept as bytes, as the image data sets are (their batches take another
    /// path: copied and converted from the bytes), else on float samples.
    /// </summary>
    public static JitWarmUp Start(ModelEntry entry, int seed, OptimizerKind optimizer, OptimizerSettings optimizerSettings,
        TrainerOptions trainer, TeleportTrainingOptions? teleport, bool byteImages = false)
    {
        var warmUp = new JitWarmUp(() => Run(entry, seed, optimizer, optimizerSettings, trainer, teleport, byteImages));
        warmUp._thread.Start();
        return warmUp;
    }

    /// <summary>Waits until the copy has run (so it no longer competes with the training clock).</summary>
    public void Wait() => _thread.Join();

    private static void Run(ModelEntry entry, int seed, OptimizerKind optimizerKind, OptimizerSettings optimizerSettings,
        TrainerOptions trainer, TeleportTrainingOptions? teleport, bool byteImages)
    {
        var info = entry.Info;
        var model = entry.Create();
        entry.Initialize(model, seed);
        var optimizer = OptimizerFactory.Create<float>(optimizerKind, optimizerSettings, info.ParameterCount);
        // One teleport at the first batch (a one-step look-ahead takes the code path of K steps); two batches
        // and a partial one, at least one teleport batch and its look-ahead.
        teleport = teleport is null ? null : teleport with
        {
            Schedule = TeleportSchedule.AtEpoch(1, 1),
            LookaheadSteps = Math.Min(teleport.LookaheadSteps, 1),
        };
        var count = Math.Max(2 * trainer.BatchSize + 1, teleport is null ? 0 : Math.Max(teleport.BatchSize, (teleport.LookaheadSteps + 2) * trainer.BatchSize));
        var set = Samples(info, count, byteImages);
        var options = trainer with { Epochs = 1, CheckpointDirectory = null, CheckpointInterval = 0 };
        var callbacks = teleport is null ? [] : new ITrainingCallback[] { new TeleportCallback(model, teleport) };
        new Trainer(model, optimizer, set, set, options, callbacks).Run();
    }

    /// <summary>Seeded samples of the model's input and output shape (features in [0, 1); classification from bytes when asked).</summary>
    private static Dataset Samples(Teleport.NetworkInfo info, int count, bool byteImages)
    {
        var random = new SeededRandom(1);
        if (byteImages && info.Loss == LossKind.SoftmaxCrossEntropy)
        {
            var pixels = new byte[count * info.InputSize];
            for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)random.NextInt(256);
            var pixelLabels = new int[count];
            for (var i = 0; i < count; i++) pixelLabels[i] = random.NextInt(info.OutputSize);
            return Dataset.FromPixels("warm-up", pixels, info.InputSize, pixelLabels, info.OutputSize);
        }
        var features = new float[count * info.InputSize];
        random.FillUniform(features, 0f, 1f);
        if (info.Loss == LossKind.MeanSquaredError)
        {
            var targets = new float[count * info.OutputSize];
            random.FillUniform(targets, -1f, 1f);
            return Dataset.Regression("warm-up", features, info.InputSize, targets, info.OutputSize);
        }
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = random.NextInt(info.OutputSize);
        return Dataset.Classification("warm-up", features, info.InputSize, labels, info.OutputSize);
    }
}
