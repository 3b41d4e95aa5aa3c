using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Cli.Models;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Tests;

/// <summary>
/// Teleport events real runs write, each taken by both readers of a history (<c>teleport report</c> on the run record, a
/// resume on the checkpoint; <see cref="TeleportEventRulesTests"/> has the refusals). A teleport whose every trial step
/// was refused is rolled back and stops for that reason ("non_finite", "drift_limit") with its starting point's finite
/// values; one whose starting point was not finite on its batch (‖∇L‖² overflowing on one sample, which the training
/// batches dilute), or that found no symmetry, reports the values it did not check — ∞ — in a run that stops on divergence and completes. Report had
/// refused those (any value not finite); a resume had refused the "no_symmetry" one.
/// </summary>
public sealed class TeleportEventsWrittenTests
{
    private const int Epochs = 45;

    [Theory]
    [InlineData("stalled")]
    [InlineData("no-symmetry")]
    public void TheToolsRunsAreTakenByBoth(string kind)
    {
        // stalled: a null-space step that guards almost nothing (τ = 0.01) at its trust radius (η = 1e300) moves the loss
        // beyond the tolerance on every retry, and the teleport is rolled back (a level-set ρ of 1e30 without the line
        // search did it with non-finite trials until the solver retried those at its trust radius; the group step that
        // overflows is below); logistic regression has no hidden layer, so the group teleport finds no symmetry.
        using var dir = new TempFolder();
        string[] teleport = kind == "stalled"
            ? ["--teleport-method", "null-space", "--null-space-tau", "0.01", "--teleport-lr", "1e300"]
            : ["--model", "logistic"];
        string[] args = [.. Small.Args("train", Small.Synthetic, ["--teleport-epochs", "1", "--teleport-count", "3", "--teleport-batch", "60", "--teleport-lookahead", "0"], teleport),
            "--checkpoint", dir.File("ck")];
        CliRun.Of([.. args, "--epochs", "1", "--out", dir.File("run.json")]).Succeeded();
        var events = CliRun.Json(dir.File("run.json")).GetProperty("teleports").EnumerateArray().ToList();
        Assert.Equal(3, events.Count);
        foreach (var e in events)
        {
            Assert.Equal(kind == "stalled" ? "drift_limit" : "no_symmetry", e.GetProperty("stop_reason").GetString());
            Assert.Equal(0, e.GetProperty("steps_taken").GetInt32());
            Assert.Equal(e.GetProperty("loss_before").GetDouble(), e.GetProperty("loss_after").GetDouble());
            Assert.True(double.IsFinite(e.GetProperty("grad_norm_sq_after").GetDouble()));
        }
        CliRun.Of("report", dir.File("run.json"), "--out", dir.File("report")).Succeeded();
        CliRun.Of([.. args, "--epochs", "2", "--resume", "--out", dir.File("resumed.json")]).Succeeded();
    }

    [Fact]
    public void ATeleportRolledBackFromAGroupStepThatOverflowedIsTakenByBoth()
    {
        // η = 1e30 with no trust region: exp(η·T) overflows on every retry, so the teleport ends where it started.
        var teleport = new TeleportOptions { LearningRate = 1e30, MaxStepNorm = double.PositiveInfinity };
        var run = LibraryRun.Train(new PaperMlp(), m => ((PaperMlp)m).InitializeParameters(1), hugeSample: false, teleport);
        Assert.Equal(Epochs - 1, run.Record.Teleports.Count);
        Assert.All(run.Record.Teleports, e =>
        {
            Assert.Equal("non_finite", Stop(e));
            Assert.Equal(0, e.StepsTaken);
            Assert.Equal(teleport.MaxBacktracks + 1, Number(e, "rejected_steps"));
            Assert.All(e.Measures(), m => Assert.True(double.IsFinite(m.Value), m.Key));
        });
        run.AssertTakenByBoth();
    }

    [Theory]
    [InlineData("non_finite")]
    [InlineData("no_symmetry")]
    public void ATeleportThatReportsUncheckedValuesIsTakenByBoth(string stop)
    {
        // One sample's features are large enough that its own ‖∇L‖² overflows float, while the batch of 40 that holds it
        // (a mean: the gradient 40× smaller) does not: the run trains on and completes, and the teleport on that one
        // sample reports ‖∇L‖² = ∞ — stopping "non_finite" at its start (paper-mlp, zero ascent steps so that the
        // others leave the weights alone) or "no_symmetry" (logistic regression, nothing to check).
        ITeleportable<float> model = stop == "non_finite" ? new PaperMlp() : new LogisticRegression();
        Action<ITeleportable<float>> initialize = m =>
        {
            if (m is PaperMlp mlp) mlp.InitializeParameters(1);
            else ((LogisticRegression)m).InitializeParameters(1);
        };
        var run = LibraryRun.Train(model, initialize, hugeSample: true, new TeleportOptions { Steps = 0 });
        var e = Assert.Single(run.Record.Teleports, t => double.IsInfinity(t.GradNormSquaredBefore));
        Assert.Equal(stop, Stop(e));
        Assert.True(double.IsFinite(e.LossBefore));
        Assert.All(run.Record.Teleports.Where(t => t != e), t => Assert.Equal(stop == "non_finite" ? "completed" : "no_symmetry", Stop(t)));
        run.AssertTakenByBoth();
    }

    private static string? Stop(TeleportEvent e) => e.Extra.TryGetValue("stop_reason", out var v) ? v.String : null;

    private static double Number(TeleportEvent e, string key) => e.Extra.TryGetValue(key, out var v) && v.TryGetNumber(out var n) ? n : double.NaN;

    /// <summary>A library run with a <see cref="TeleportCallback"/>, its record written and its last checkpoint kept.</summary>
    private sealed class LibraryRun
    {
        private const int Samples = 40;

        private readonly Func<Trainer> _resumer;

        private LibraryRun(RunRecord record, string recordPath, Func<Trainer> resumer)
        {
            Record = record;
            RecordPath = recordPath;
            _resumer = resumer;
        }

        public RunRecord Record { get; }

        public string RecordPath { get; }

        /// <summary>
        /// 45 epochs of one batch of 40 samples (sgd, lr 1e-30: the weights barely move), a teleport on one sample before
        /// every step but the first, so that each sample is teleported on; with <paramref name="hugeSample"/> sample 0 is
        /// scaled up and labelled with the class the model finds least likely (so that its gradient does not vanish in a
        /// saturated softmax).
        /// </summary>
        public static LibraryRun Train(ITeleportable<float> model, Action<ITeleportable<float>> initialize, bool hugeSample, TeleportOptions teleport)
        {
            var folder = Path.Combine(Path.GetTempPath(), "teleport-cli-tests-library-run-" + Guid.NewGuid().ToString("N"));
            var train = Data(model, initialize, hugeSample);
            var options = new TrainerOptions { Epochs = Epochs, BatchSize = Samples, Seed = 2, CheckpointDirectory = Path.Combine(folder, "ck") };
            Trainer NewTrainer()
            {
                var fresh = model.GetType() == typeof(PaperMlp) ? (ITeleportable<float>)new PaperMlp() : new LogisticRegression();
                initialize(fresh);
                var callback = new TeleportCallback(fresh, new TeleportTrainingOptions
                {
                    Schedule = new TeleportSchedule { EverySteps = 1 },
                    BatchSize = 1,
                    LookaheadSteps = 0,
                    Teleport = teleport,
                });
                var sgd = OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings { LearningRate = 1e-30 }, fresh.Parameters.Length);
                return new Trainer(fresh, sgd, train, null, options, [callback]);
            }
            var trainer = NewTrainer();
            Assert.Equal(TrainingStatus.Completed, trainer.Run());
            var record = trainer.History.ToRunRecord(new RecordFields().Add("command", "train"));
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "run.json");
            RunRecordJson.Write(path, record);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort.
                }
            };
            return new LibraryRun(record, path, NewTrainer);
        }

        /// <summary><c>teleport report</c> renders the record, and a new trainer resumes from the run's last checkpoint.</summary>
        public void AssertTakenByBoth()
        {
            var report = Path.Combine(Path.GetDirectoryName(RecordPath)!, "report");
            CliRun.Of("report", RecordPath, "--out", report).Succeeded();
            Assert.True(_resumer().TryResume());
        }

        private static Dataset Data(ITeleportable<float> model, Action<ITeleportable<float>> initialize, bool hugeSample)
        {
            var inputs = model.Info.InputSize;
            var random = new Random(7);
            var features = new float[Samples * inputs];
            for (var i = 0; i < features.Length; i++) features[i] = (float)random.NextDouble();
            var labels = new int[Samples];
            for (var i = 0; i < Samples; i++) labels[i] = random.Next(10);
            if (hugeSample)
            {
                // Sample 0 scaled by s, labelled with the class the model finds least likely at a scale where the softmax
                // is already saturated, so that ∇L grows like s: s is chosen for ‖∇L‖² ≈ 1e40 on it alone (float's
                // largest is 3.4e38), ≈ 1e40 / 40² on the batch.
                initialize(model);
                var sample = features.AsSpan(0, inputs);
                for (var j = 0; j < inputs; j++) sample[j] *= 1e12f;
                var worst = 0;
                var worstLoss = float.NegativeInfinity;
                for (var c = 0; c < 10; c++)
                {
                    var loss = model.Loss(sample, new Targets<float>(new[] { c }));
                    if (loss > worstLoss) (worst, worstLoss) = (c, loss);
                }
                labels[0] = worst;
                var gradient = new float[model.Parameters.Length];
                model.LossAndGradient(sample, new Targets<float>(new[] { worst }), gradient);
                var squares = gradient.Sum(g => (double)g * g);
                var scale = (float)Math.Sqrt(1e40 / squares);
                for (var j = 0; j < inputs; j++) sample[j] *= scale;
            }
            return Dataset.Classification("huge-sample", features, inputs, labels, 10);
        }
    }
}
