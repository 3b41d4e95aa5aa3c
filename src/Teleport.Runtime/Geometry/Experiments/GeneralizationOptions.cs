using System;
using System.Collections.Generic;
using Teleport.Records;
using Teleport.Teleportation;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// The Figure 4 experiment (Zhao et al. 2024; generalization-and-meta-learning.md A8) with a control arm and several
/// seeds: seed i initialises with (i + 1)·<see cref="SeedStep"/>, trains plain SGD in the data set's order for
/// <see cref="TeleportEpoch"/> epochs (the checkpoint), then every arm continues from that checkpoint to
/// <see cref="Epochs"/>, teleporting in the first epoch after the checkpoint.
/// </summary>
public sealed record GeneralizationOptions
{
    /// <summary>Seeds (independent initialisations, each with its own control arm). Default 5 (the authors: 5 teleport runs from one baseline).</summary>
    public int Seeds { get; init; } = 5;

    /// <summary>Epochs in all (the authors' plot: 40).</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Epochs of the shared baseline before the teleports (the authors teleport in the 21st epoch: 20).</summary>
    public int TeleportEpoch { get; init; } = 20;

    /// <summary>SGD learning rate (the authors: 1e-2 on MNIST and Fashion-MNIST).</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>Mini-batch size, in the data set's order (the authors: 20).</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Samples of each teleport's batch, drawn without replacement (the authors: 2000).</summary>
    public int TeleportBatch { get; init; } = 2000;

    /// <summary>Directions per radius of the sharpness objective (the authors: 100).</summary>
    public int SharpnessDirections { get; init; } = 100;

    /// <summary>
    /// Largest relative loss change a teleport step may make on its batch (the authors have no guard; S4 on 2000 samples
    /// changes the loss). Default 1: only steps that would more than double the batch loss are rolled back.
    /// </summary>
    public double DriftTolerance { get; init; } = 1.0;

    /// <summary>Which symmetries the teleports act through: <see cref="SymmetrySet.LeastSquares"/> (S4, the authors') or <see cref="SymmetrySet.Exact"/> (S2: the loss cannot move).</summary>
    public SymmetrySet Symmetries { get; init; } = SymmetrySet.LeastSquares;

    /// <summary>Reject (and backtrack) a teleport step that moves the objective the wrong way; the authors do not check (default false).</summary>
    public bool RequireProgress { get; init; }

    /// <summary>
    /// How ψ is measured on each teleport's batch before and after the teleport (default the paper's ψ as
    /// <c>teleport measure</c> has it: S3 on every hidden layer, one generator per 200 samples, so 10 curves on 2 000);
    /// null skips it.
    /// </summary>
    public OrbitCurvatureOptions? Psi { get; init; } = OrbitCurvatureOptions.Paper;

    /// <summary>The seed step (the authors: 54321).</summary>
    public int SeedStep { get; init; } = 54321;

    /// <summary>The arms, control included (default the authors' Fashion-MNIST arms).</summary>
    public IReadOnlyList<GeneralizationArm> Arms { get; init; } = GeneralizationArm.Paper("fashion-mnist");

    /// <summary>Seed i's initialisation seed.</summary>
    public int SeedOf(int index) => checked((index + 1) * SeedStep);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Seeds < 1) throw new ArgumentOutOfRangeException(nameof(Seeds), Seeds, "At least one seed.");
        if (TeleportEpoch < 0 || TeleportEpoch >= Epochs) throw new ArgumentOutOfRangeException(nameof(TeleportEpoch), TeleportEpoch, $"The teleport epoch must be in [0, {Epochs}) (Epochs {Epochs}).");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be finite and > 0.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be ≥ 1.");
        if (TeleportBatch < 1) throw new ArgumentOutOfRangeException(nameof(TeleportBatch), TeleportBatch, "The teleport batch must be ≥ 1.");
        if (SharpnessDirections < 1) throw new ArgumentOutOfRangeException(nameof(SharpnessDirections), SharpnessDirections, "At least one direction.");
        if (!(DriftTolerance >= 0) || !double.IsFinite(DriftTolerance)) throw new ArgumentOutOfRangeException(nameof(DriftTolerance), DriftTolerance, "The drift tolerance must be finite and ≥ 0.");
        if (Symmetries is not (SymmetrySet.LeastSquares or SymmetrySet.Exact)) throw new ArgumentOutOfRangeException(nameof(Symmetries), Symmetries, "Symmetries must be LeastSquares or Exact.");
        Psi?.Validate();
        if (Arms.Count == 0 || !Arms[0].IsControl) throw new ArgumentException("The first arm must be the control arm.", nameof(Arms));
    }

    /// <summary>The teleport options of an arm for seed <paramref name="seed"/>: the authors' raw steps (no log-ascent; no progress check unless RequireProgress), S4 on every pair for φ, on layer 1 only for κ.</summary>
    public TeleportOptions TeleportOptionsFor(GeneralizationArm arm, int seed)
    {
        var sharpness = arm.Objective == TeleportObjective.Sharpness;
        return new TeleportOptions
        {
            Objective = arm.Objective ?? TeleportObjective.GradientNorm,
            Direction = arm.Direction,
            Steps = arm.Steps,
            LearningRate = arm.Rate,
            LogarithmicAscent = false,
            RequireAscent = RequireProgress,
            Symmetries = Symmetries,
            OnlyLayer = !sharpness && Symmetries == SymmetrySet.LeastSquares ? 1 : null,
            // the authors' φ teleport applies g = I + T; κ′ is the derivative along exp(tM)
            Map = sharpness ? GroupElementMap.FirstOrder : GroupElementMap.Exponential,
            LossTolerance = DriftTolerance,
            ObjectiveSettings = new TeleportObjectiveOptions
            {
                SharpnessDirections = SharpnessDirections,
                Seed = seed,
                // the authors stop at φ_tele > 2.0 with φ_tele = 0.9 × this objective's mean
                Cap = sharpness ? 2.0 / 0.9 : double.PositiveInfinity,
            },
        };
    }

    /// <summary>The settings as record fields.</summary>
    public RecordFields Describe()
    {
        var arms = new List<RecordValue>();
        foreach (var arm in Arms)
        {
            arms.Add(new RecordFields()
                .Add("name", arm.Name)
                .Add("objective", arm.Objective is { } o ? o.ToString() : RecordValue.Null)
                .Add("direction", arm.IsControl ? RecordValue.Null : arm.Direction.ToString())
                .Add("teleports", arm.Teleports)
                .Add("steps", arm.Steps)
                .Add("rate", arm.Rate));
        }
        return new RecordFields()
            .Add("seeds", Seeds)
            .Add("seed_step", SeedStep)
            .Add("epochs", Epochs)
            .Add("teleport_epoch", TeleportEpoch)
            .Add("learning_rate", LearningRate)
            .Add("batch_size", BatchSize)
            .Add("teleport_batch", TeleportBatch)
            .Add("sharpness_directions", SharpnessDirections)
            .Add("drift_tolerance", DriftTolerance)
            .Add("symmetries", Symmetries.ToString())
            .Add("require_progress", RequireProgress)
            .Add("psi", Psi is { } psi ? psi.Describe() : RecordValue.Null)
            .Add("arms", RecordValue.FromArray(arms));
    }
}
