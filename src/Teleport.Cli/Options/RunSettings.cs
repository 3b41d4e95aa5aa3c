using Teleport.Cli.Data;
using Teleport.Optimizers;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Options;

/// <summary>Everything a <c>train</c> or <c>compare</c> run uses, resolved from the options, the <c>--paper</c> preset and the defaults.</summary>
internal sealed record RunSettings
{
    public required DatasetKind Dataset { get; init; }
    public required string? DataDirectory { get; init; }
    public required string Model { get; init; }
    public required OptimizerKind Optimizer { get; init; }

    /// <summary>The learning rate, or null for PyTorch's default for the optimizer.</summary>
    public required double? LearningRate { get; init; }

    /// <summary>The momentum (sgd, momentum, rmsprop), or null for the optimizer's default.</summary>
    public required double? Momentum { get; init; }

    public required int Epochs { get; init; }
    public required int BatchSize { get; init; }
    public required int Seed { get; init; }
    public required long SplitSeed { get; init; }
    public required bool Shuffle { get; init; }

    /// <summary>Every batch copied on the training thread (<see cref="TrainerOptions.LoadBatchesAhead"/> off).</summary>
    public bool NoBatchLoader { get; init; }
    public required string? Out { get; init; }
    public required string? CheckpointDirectory { get; init; }
    public required bool Resume { get; init; }
    public required long CheckpointEvery { get; init; }

    /// <summary>Teleport by gradient-norm ascent (or, with <see cref="Control"/>, apply the state policy at the teleport points).</summary>
    public required bool Teleport { get; init; }

    public required TeleportSchedule Schedule { get; init; }
    public required int TeleportBatch { get; init; }
    public required int TeleportSteps { get; init; }
    public required double TeleportLearningRate { get; init; }
    public required SymmetrySet Symmetries { get; init; }

    /// <summary>How a teleport moves the parameters (--teleport-method).</summary>
    public TeleportMethod Method { get; init; } = TeleportMethod.Group;

    /// <summary>The level-set solver's settings (--level-set-*).</summary>
    public LevelSetOptions LevelSet { get; init; } = new();

    /// <summary>The null-space teleport's settings (--null-space-tau).</summary>
    public NullSpaceOptions NullSpace { get; init; } = new();

    /// <summary>Ascend log ‖∇L‖² (scale-free η) rather than ‖∇L‖².</summary>
    public required bool LogarithmicAscent { get; init; }
    public required double GradNormSquaredCap { get; init; }
    public required OptimizerStatePolicy OptimizerState { get; init; }
    public required int Lookahead { get; init; }

    /// <summary>Train the control arm: the schedule's state policy without teleporting.</summary>
    public required bool Control { get; init; }

    /// <summary>The <c>--paper</c> preset was applied (explicit options override it).</summary>
    /// <summary>The paper's training protocol is in force (--paper or --paper-protocol).</summary>
    public required bool PaperProtocol { get; init; }

    public required bool Paper { get; init; }

    public required int? LimitTrain { get; init; }
    public required int? LimitTest { get; init; }
    public required long? StopAfterSteps { get; init; }

    /// <summary>Which values were typed, preset or defaulted: what a check that refuses one names.</summary>
    public required OptionOrigins Origins { get; init; }

    /// <summary>The optimizer's settings (unset values take PyTorch's defaults for the kind).</summary>
    public OptimizerSettings OptimizerSettings => new() { LearningRate = LearningRate, Momentum = Momentum };

    /// <summary>The teleport callback's options for a teleport arm or a control arm.</summary>
    public TeleportTrainingOptions TeleportOptions(bool control) => new()
    {
        Schedule = Schedule,
        Teleport = new TeleportOptions
        {
            Steps = TeleportSteps,
            LearningRate = TeleportLearningRate,
            LogarithmicAscent = LogarithmicAscent,
            Symmetries = Symmetries,
            GradientNormSquaredCap = GradNormSquaredCap,
            Method = Method,
            LevelSet = LevelSet.Clone(),
            NullSpace = NullSpace.Clone(),
        },
        BatchSize = TeleportBatch,
        OptimizerState = OptimizerState,
        LookaheadSteps = Lookahead,
        ControlOnly = control,
    };

    /// <summary>The trainer's options.</summary>
    public TrainerOptions TrainerOptions => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        Order = Shuffle ? BatchOrder.Shuffled : BatchOrder.Sequential,
        Seed = Seed,
        LoadBatchesAhead = !NoBatchLoader,
        CheckpointDirectory = CheckpointDirectory,
        CheckpointInterval = CheckpointEvery,
    };
}
