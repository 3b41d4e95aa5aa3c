using System.CommandLine;
using Teleport.Cli.Data;
using Teleport.Cli.Models;

namespace Teleport.Cli.Options;

/// <summary>The options of <c>train</c> and <c>compare</c> (checkpointing only for <c>train</c>); <see cref="SettingsBinder"/> resolves them.</summary>
internal sealed class RunOptions
{
    public readonly Option<string> Dataset = CliOption.Choice("--dataset",
        "Data set: fashion-mnist (the paper's; /usr/share/datasets/fashion-mnist or --data; without either, the embedded synthetic task, with a notice), mnist, cifar10 (need --data), synthetic (generated to fit the model).",
        "fashion-mnist", DatasetCatalog.Names);

    public readonly Option<string?> Data = CliOption.Folder("--data", "Folder with the data set's files (IDX .gz or raw; CIFAR-10 binary batches).");

    public readonly Option<string> Model = CliOption.Choice("--model",
        "Network: paper-mlp (784-16-10-10, the paper's), wide-mlp (784-512-512-10), cifar-mlp (3072-256-256-10, with --dataset cifar10), logistic (784-10 logistic regression, convex), paper-cnn (conv 16 → pool → conv 32 → pool → 10), cifar-cnn (conv 32 → pool → conv 64 → pool → 10, with --dataset cifar10), regression (NeurIPS 2022, with --dataset synthetic). See `teleport info`.",
        "paper-mlp", ModelRegistry.Names);

    public readonly Option<string> Optimizer = CliOption.Choice("--optimizer",
        "Optimizer with PyTorch semantics: sgd, momentum (SGD, momentum 0.9), adagrad, rmsprop, adam, adamw.",
        "sgd", "sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw");

    public readonly Option<double?> LearningRate = CliOption.OptionalLearningRate("--lr", "Learning rate (default: PyTorch's for the optimizer: 1e-2, Adam/AdamW 1e-3; --paper: the paper's).");
    public readonly Option<double?> Momentum = CliOption.OptionalNumber("--momentum", "Momentum for sgd, momentum (default 0.9) and rmsprop.", ValueRange<double>.AtLeast(0));
    public readonly Option<int> Epochs = CliOption.Integer("--epochs", "Epochs to train.", 3, ValueRange<int>.AtLeast(1));
    public readonly Option<int> BatchSize = CliOption.Integer("--batch-size", "Samples per training batch.", 20, ValueRange<int>.AtLeast(1));
    public readonly Option<int> Seed = CliOption.Integer("--seed", "Seeds the initialisation, the teleport batches and (with --shuffle) the batch order.", 1, ValueRange<int>.Any);
    public readonly Option<long> SplitSeed = CliOption.Integer("--split-seed", "Seeds the 50k/10k split of the training images (and the synthetic data).", 1L, ValueRange<long>.Any);
    public readonly Option<bool> Shuffle = CliOption.Flag("--shuffle", "Shuffle the batches every epoch (default: the paper's fixed sequential order).");
    public readonly Option<bool> NoBatchLoader = CliOption.Flag("--no-batch-loader", "Copy every batch on the training thread (default: the next batch is copied on the second core while a step runs, when batches are copied, as from Fashion-MNIST's bytes); the same numbers either way.");
    public readonly Option<string?> Out = CliOption.File("--out", "Write the run record (JSON) here, atomically.");
    public readonly Option<string?> Report = CliOption.Folder("--report", "Write a report folder here: report.md (tables, time to target) and PNG plots; atomically, replacing an earlier report.");

    /// <summary>
    /// --teleport: train's default is none (a plain run unless a preset or a teleport option asks for teleports); compare
    /// always runs its teleport arm, so there the default is gradnorm and none is refused (<see cref="SettingsBinder"/>).
    /// </summary>
    public readonly Option<string> Teleport;

    public readonly Option<int[]> TeleportEpochs = CliOption.IntegerList("--teleport-epochs",
        "1-based epochs whose first --teleport-count batches teleport (the paper code's 0-based epoch 2 is 3 here), e.g. 1 or 2,3. Default 1 when teleporting without another schedule.",
        ValueRange<int>.AtLeast(1));

    public readonly Option<int> TeleportCount = CliOption.Integer("--teleport-count", "Teleports at the start of each --teleport-epochs epoch, one per batch.", 8, ValueRange<int>.AtLeast(0));
    public readonly Option<long> TeleportEvery = CliOption.Integer("--teleport-every", "Also teleport after every K optimizer steps (0: never).", 0L, ValueRange<long>.AtLeast(0), "K");
    public readonly Option<double> TeleportAdaptive = CliOption.Number("--teleport-adaptive", "Also teleport when the mini-batch ‖∇L‖² falls below F × its maximum since the last teleport (0: off).", 0, ValueRange<double>.FromUpTo(0, 1), "F");
    public readonly Option<long> TeleportSpacing = CliOption.Integer("--teleport-min-spacing", "Fewest steps between adaptive teleports.", 100L, ValueRange<long>.AtLeast(1));
    public readonly Option<int?> TeleportMax = CliOption.OptionalInteger("--teleport-max", "Most teleports in the run (default unlimited).", ValueRange<int>.AtLeast(0));
    public readonly Option<int> TeleportBatch = CliOption.Integer("--teleport-batch", "Samples per teleport batch, drawn from the training set without replacement.", 200, ValueRange<int>.AtLeast(1));
    public readonly Option<int> TeleportSteps = CliOption.Integer("--teleport-steps", "Ascent steps per teleport.", 10, ValueRange<int>.AtLeast(0));
    public readonly Option<double?> TeleportLearningRate = CliOption.OptionalNumber("--teleport-lr", "Teleport step size η (default 0.05 with --ascent log; --paper: 1e-4 for sgd/adagrad, 5e-2 otherwise, with --ascent raw).", ValueRange<double>.Positive);

    public readonly Option<string> Ascent = CliOption.Choice("--ascent",
        "log: ascend log ‖∇L‖² (η is scale-free; the default); raw: ascend ‖∇L‖² itself, as the papers do (--paper).",
        "log", "log", "raw");

    public readonly Option<string> Symmetries = CliOption.Choice("--symmetries",
        "exact: only loss-preserving symmetries (S1/S2); all: also the data-dependent S3/S4 (the paper's least-squares action), guarded by the loss tolerance.",
        "exact", "exact", "all");

    public readonly Option<string> TeleportMethod = CliOption.Choice("--teleport-method",
        "group: ascent along the derived symmetry groups (the default); level-set: the level-set SLP solver (Mishkin et al. 2024; any network, no symmetry needed); null-space: ascent projected onto each layer input's null space (Wu et al. 2025).",
        "group", "group", "level-set", "null-space");

    public readonly Option<int?> LevelSetSteps = CliOption.OptionalInteger("--level-set-steps", "Level set: SLP iterations per teleport (default 10; --paper: the authors' 50).", ValueRange<int>.AtLeast(0));
    public readonly Option<double> LevelSetRho = CliOption.Number("--level-set-rho", "Level set: initial step ρ along s = H·∇L/‖∇L‖² (the authors' 0.1).", 0.1, ValueRange<double>.Positive, "RHO");

    public readonly Option<string> LevelSetLineSearch = CliOption.Choice("--level-set-line-search",
        "Level set: on: Armijo backtracking on the merit ½·log‖∇L‖² − γ·pen(L − L₀) (the authors' setting); off: accept every step (the guard still rolls back an infeasible end).",
        "on", "on", "off");

    public readonly Option<int?> LevelSetRestorations = CliOption.OptionalInteger("--level-set-restorations",
        "Level set: Newton steps onto the level set when the last iterate beats every feasible one but drifted beyond the tolerance (default 5; 0 and --paper: the authors' solver alone).", ValueRange<int>.AtLeast(0));

    public readonly Option<string> LevelSetMode = CliOption.Choice("--level-set-mode",
        "Level set: sub-level: constraint L ≤ L₀ (the authors' setting); level: L = L₀.",
        "sub-level", "sub-level", "level");

    public readonly Option<double> NullSpaceTau = CliOption.Number("--null-space-tau",
        "Null space: τ in (0, 1], the share of each layer input's energy Σσ² whose directions the step must avoid (1: the exact null space).",
        0.99, new ValueRange<double>(0, 1, MinExclusive: true), "TAU");

    public readonly Option<double?> TeleportCap = CliOption.OptionalNumber("--teleport-cap", "Stop a teleport once ‖∇L‖² reaches this (default none; --paper: 100).", ValueRange<double>.Positive);

    public readonly Option<string> OptimizerState = CliOption.Choice("--optimizer-state",
        "After a teleport: transport the optimizer's state with the group action (the default), keep it, or reset the optimizer (the paper; --paper).",
        "transport", "reset", "keep", "transport");

    public readonly Option<int> Lookahead = CliOption.Integer("--teleport-lookahead", "Keep a teleport only if K steps from it reach a lower loss than K steps without it (0: keep all; at most the run's steps; --paper: 0).", 5, ValueRange<int>.AtLeast(0), "K");
    public readonly Option<bool> Control = CliOption.Flag("--control", "Control arm: apply the optimizer-state policy at the teleport points without teleporting.");
    public readonly Option<bool> Paper = CliOption.Flag("--paper", "The paper's settings: its protocol (--paper-protocol) and its teleport (raw ascent with its η per optimizer, cap 100, optimizer reset, no look-ahead). Explicit options override them.");
    public readonly Option<bool> PaperProtocol = CliOption.Flag("--paper-protocol", "Only the paper's protocol (per-optimizer lr, 3 epochs, batches of 20 in order, 8 teleports of 10 steps on 200 samples in the paper's epoch), with this tool's own teleport defaults (log ascent η 0.05, optimizer state transported, look-ahead 5).");

    public readonly Option<string?> Checkpoint = CliOption.Folder("--checkpoint", "Write checkpoints into this folder (every epoch, and every --checkpoint-every steps).");
    public readonly Option<bool> Resume = CliOption.Flag("--resume", "Continue from the newest checkpoint in --checkpoint (bit-identical to an uninterrupted run; the settings must be those of the run that wrote it, --epochs may grow); start fresh if the folder holds no checkpoint (one holding checkpoint folders but no `latest` is refused).");
    public readonly Option<string?> SaveModel = CliOption.File("--save-model", "Write the trained parameters here as safetensors (PyTorch state_dict names; atomically) — what samples/AotInference loads.");
    public readonly Option<long> CheckpointEvery = CliOption.Integer("--checkpoint-every", "Also checkpoint every N optimizer steps (0: only at epoch ends).", 0L, ValueRange<long>.AtLeast(0), "N");

    public readonly Option<int?> LimitTrain = CliOption.OptionalInteger("--limit-train", "Use only the first N training samples.", ValueRange<int>.AtLeast(1)).Hide();
    public readonly Option<int?> LimitTest = CliOption.OptionalInteger("--limit-test", "Use only the first N test samples.", ValueRange<int>.AtLeast(1)).Hide();
    public readonly Option<long?> StopAfterSteps = CliOption.OptionalInteger("--stop-after-steps", "Stop (as on Ctrl+C) after N optimizer steps.", ValueRange<long>.AtLeast(1)).Hide();

    /// <summary>Options for <c>train</c> (<paramref name="checkpointing"/> true) or <c>compare</c>.</summary>
    public RunOptions(bool checkpointing)
    {
        Checkpointing = checkpointing;
        Teleport = checkpointing
            ? CliOption.Choice("--teleport",
                "gradnorm: teleport by ‖∇L‖² ascent on the symmetry groups; none: plain training. Default none, or gradnorm with --paper, --paper-protocol, --control or any option that configures teleports (--teleport-*, --ascent, --symmetries, --level-set-*, --null-space-tau, --optimizer-state).",
                "none", "gradnorm", "none")
            : CliOption.Choice("--teleport",
                "gradnorm: the teleport arm teleports by ‖∇L‖² ascent on the symmetry groups (compare always runs it: none is refused).",
                "gradnorm", "gradnorm", "none");
        LevelSetSettings = [LevelSetSteps, LevelSetRho, LevelSetLineSearch, LevelSetMode, LevelSetRestorations];
        TeleportSettings =
        [
            TeleportEpochs, TeleportCount, TeleportEvery, TeleportAdaptive, TeleportSpacing, TeleportMax, TeleportBatch, TeleportSteps,
            TeleportLearningRate, Ascent, Symmetries, TeleportMethod, .. LevelSetSettings, NullSpaceTau, TeleportCap, OptimizerState, Lookahead,
        ];
    }

    /// <summary>The options that configure teleports (any of them given asks for teleports; with --teleport none it is an error).</summary>
    public Option[] TeleportSettings { get; }

    /// <summary>The level-set solver's options (an error with another --teleport-method).</summary>
    public Option[] LevelSetSettings { get; }

    /// <summary>Whether the checkpoint options belong to the command.</summary>
    public bool Checkpointing { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Option[] common =
        [
            Dataset, Data, Model, Optimizer, LearningRate, Momentum, Epochs, BatchSize, Seed, SplitSeed, Shuffle, NoBatchLoader, Out, Report,
            Teleport, TeleportEpochs, TeleportCount, TeleportEvery, TeleportAdaptive, TeleportSpacing, TeleportMax,
            TeleportBatch, TeleportSteps, TeleportLearningRate, Ascent, Symmetries,
            TeleportMethod, LevelSetSteps, LevelSetRho, LevelSetLineSearch, LevelSetMode, LevelSetRestorations, NullSpaceTau, TeleportCap, OptimizerState, Lookahead, Control, Paper, PaperProtocol,
            LimitTrain, LimitTest,
        ];
        foreach (var option in common) command.Options.Add(option);
        if (!Checkpointing) return;
        command.Options.Add(Checkpoint);
        command.Options.Add(Resume);
        command.Options.Add(CheckpointEvery);
        command.Options.Add(SaveModel);
        command.Options.Add(StopAfterSteps);
    }
}
