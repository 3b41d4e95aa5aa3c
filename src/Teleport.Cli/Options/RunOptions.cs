using System.CommandLine;
using Teleport.Cli.Data;
using Teleport.Cli.Models;

namespace Teleport.Cli.Options;

/// <summary>The options of <c>train</c> and <c>compare</c> (checkpointing only for <c>train</c>); <see cref="SettingsBinder"/> resolves them.</summary>
internal sealed class RunOptions
{
    public readonly Option<string> Dataset = new Option<string>("--dataset")
    {
        Description = "Data set: fashion-mnist (the paper's; /usr/share/datasets/fashion-mnist or --data), mnist, cifar10 (need --data), synthetic (generated to fit the model).",
        DefaultValueFactory = _ => "fashion-mnist",
    }.AcceptOnlyFromAmong(DatasetCatalog.Names);

    public readonly Option<string?> Data = new("--data") { Description = "Folder with the data set's files (IDX .gz or raw; CIFAR-10 binary batches).", HelpName = "DIR" };

    public readonly Option<string> Model = new Option<string>("--model")
    {
        Description = "Network: paper-mlp (784-16-10-10, the paper's), wide-mlp (784-512-512-10), cifar-mlp (3072-256-256-10, with --dataset cifar10), regression (NeurIPS 2022, with --dataset synthetic). See `teleport info`.",
        DefaultValueFactory = _ => "paper-mlp",
    }.AcceptOnlyFromAmong(ModelRegistry.Names);

    public readonly Option<string> Optimizer = new Option<string>("--optimizer")
    {
        Description = "Optimizer with PyTorch semantics: sgd, momentum (SGD, momentum 0.9), adagrad, rmsprop, adam, adamw.",
        DefaultValueFactory = _ => "sgd",
    }.AcceptOnlyFromAmong("sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw");

    public readonly Option<double?> LearningRate = new Option<double?>("--lr") { Description = "Learning rate (default: PyTorch's for the optimizer: 1e-2, Adam/AdamW 1e-3; --paper: the paper's)." }.Positive();
    public readonly Option<double?> Momentum = new Option<double?>("--momentum") { Description = "Momentum for sgd, momentum (default 0.9) and rmsprop." }.AtLeast(0.0);
    public readonly Option<int> Epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 3 }.AtLeast(1);
    public readonly Option<int> BatchSize = new Option<int>("--batch-size") { Description = "Samples per training batch.", DefaultValueFactory = _ => 20 }.AtLeast(1);
    public readonly Option<int> Seed = new Option<int>("--seed") { Description = "Seeds the initialisation, the teleport batches and (with --shuffle) the batch order.", DefaultValueFactory = _ => 1 };
    public readonly Option<long> SplitSeed = new Option<long>("--split-seed") { Description = "Seeds the 50k/10k split of the training images (and the synthetic data).", DefaultValueFactory = _ => 1 };
    public readonly Option<bool> Shuffle = new("--shuffle") { Description = "Shuffle the batches every epoch (default: the paper's fixed sequential order)." };
    public readonly Option<string?> Out = new("--out") { Description = "Write the run record (JSON) here, atomically.", HelpName = "FILE" };
    public readonly Option<string?> Report = new("--report") { Description = "Write a report folder here: report.md (tables, time to target) and PNG plots; atomically, replacing an earlier report.", HelpName = "DIR" };

    public readonly Option<string> Teleport = new Option<string>("--teleport")
    {
        Description = "gradnorm: teleport by ‖∇L‖² ascent on the symmetry groups; none: plain training. Default none, or gradnorm with --paper or a --teleport-epochs/-every/-adaptive schedule.",
        DefaultValueFactory = _ => "none",
    }.AcceptOnlyFromAmong("gradnorm", "none");

    public readonly Option<int[]> TeleportEpochs = new("--teleport-epochs")
    {
        Description = "1-based epochs whose first --teleport-count batches teleport (the paper code's 0-based epoch 2 is 3 here). Default 1 when teleporting without another schedule.",
        CustomParser = OptionValidation.ParseEpochs,
        AllowMultipleArgumentsPerToken = true,
    };

    public readonly Option<int> TeleportCount = new Option<int>("--teleport-count") { Description = "Teleports at the start of each --teleport-epochs epoch, one per batch.", DefaultValueFactory = _ => 8 }.AtLeast(0);
    public readonly Option<long> TeleportEvery = new Option<long>("--teleport-every") { Description = "Also teleport after every K optimizer steps (0: never).", HelpName = "K" }.AtLeast(0L);
    public readonly Option<double> TeleportAdaptive = new Option<double>("--teleport-adaptive") { Description = "Also teleport when the mini-batch ‖∇L‖² falls below F × its maximum since the last teleport (0: off).", HelpName = "F" }.Fraction();
    public readonly Option<long> TeleportSpacing = new Option<long>("--teleport-min-spacing") { Description = "Fewest steps between adaptive teleports.", DefaultValueFactory = _ => 100 }.AtLeast(1L);
    public readonly Option<int?> TeleportMax = new Option<int?>("--teleport-max") { Description = "Most teleports in the run (default unlimited)." }.AtLeast(0);
    public readonly Option<int> TeleportBatch = new Option<int>("--teleport-batch") { Description = "Samples per teleport batch, drawn from the training set without replacement.", DefaultValueFactory = _ => 200 }.AtLeast(1);
    public readonly Option<int> TeleportSteps = new Option<int>("--teleport-steps") { Description = "Ascent steps per teleport.", DefaultValueFactory = _ => 10 }.AtLeast(0);
    public readonly Option<double?> TeleportLearningRate = new Option<double?>("--teleport-lr") { Description = "Teleport step size η (default 0.05 with --ascent log; --paper: 1e-4 for sgd/adagrad, 5e-2 otherwise, with --ascent raw)." }.Positive();

    public readonly Option<string> Ascent = new Option<string>("--ascent")
    {
        Description = "log: ascend log ‖∇L‖² (η is scale-free; the default); raw: ascend ‖∇L‖² itself, as the papers do (--paper).",
        DefaultValueFactory = _ => "log",
    }.AcceptOnlyFromAmong("log", "raw");

    public readonly Option<string> Symmetries = new Option<string>("--symmetries")
    {
        Description = "exact: only loss-preserving symmetries (S1/S2); all: also the data-dependent S3/S4 (the paper's least-squares action), guarded by the loss tolerance.",
        DefaultValueFactory = _ => "exact",
    }.AcceptOnlyFromAmong("exact", "all");

    public readonly Option<double?> TeleportCap = new Option<double?>("--teleport-cap") { Description = "Stop a teleport once ‖∇L‖² reaches this (default none; --paper: 100)." }.Positive();

    public readonly Option<string> OptimizerState = new Option<string>("--optimizer-state")
    {
        Description = "After a teleport: transport the optimizer's state with the group action (the default), keep it, or reset the optimizer (the paper; --paper).",
        DefaultValueFactory = _ => "transport",
    }.AcceptOnlyFromAmong("reset", "keep", "transport");

    public readonly Option<int> Lookahead = new Option<int>("--teleport-lookahead") { Description = "Keep a teleport only if K steps from it reach a lower loss than K steps without it (0: keep all; --paper: 0).", HelpName = "K", DefaultValueFactory = _ => 5 }.AtLeast(0);
    public readonly Option<bool> Control = new("--control") { Description = "Control arm: apply the optimizer-state policy at the teleport points without teleporting." };
    public readonly Option<bool> Paper = new("--paper") { Description = "The paper's settings: its protocol (--paper-protocol) and its teleport (raw ascent with its η per optimizer, cap 100, optimizer reset, no look-ahead). Explicit options override them." };
    public readonly Option<bool> PaperProtocol = new("--paper-protocol") { Description = "Only the paper's protocol (per-optimizer lr, 3 epochs, batches of 20 in order, 8 teleports of 10 steps on 200 samples in the paper's epoch), with this tool's own teleport defaults (log ascent η 0.05, optimizer state transported, look-ahead 5)." };

    public readonly Option<string?> Checkpoint = new("--checkpoint") { Description = "Write checkpoints into this folder (every epoch, and every --checkpoint-every steps).", HelpName = "DIR" };
    public readonly Option<bool> Resume = new("--resume") { Description = "Continue from the newest checkpoint in --checkpoint (bit-identical to an uninterrupted run); start fresh if there is none." };
    public readonly Option<string?> SaveModel = new("--save-model") { Description = "Write the trained parameters here as safetensors (PyTorch state_dict names; atomically) — what samples/AotInference loads.", HelpName = "FILE" };
    public readonly Option<long> CheckpointEvery = new Option<long>("--checkpoint-every") { Description = "Also checkpoint every N optimizer steps (0: only at epoch ends).", HelpName = "N" }.AtLeast(0L);

    public readonly Option<int?> LimitTrain = new Option<int?>("--limit-train") { Description = "Use only the first N training samples.", Hidden = true }.AtLeast(1);
    public readonly Option<int?> LimitTest = new Option<int?>("--limit-test") { Description = "Use only the first N test samples.", Hidden = true }.AtLeast(1);
    public readonly Option<long?> StopAfterSteps = new Option<long?>("--stop-after-steps") { Description = "Stop (as on Ctrl+C) after N optimizer steps.", Hidden = true }.AtLeast(1L);

    /// <summary>Options for <c>train</c> (<paramref name="checkpointing"/> true) or <c>compare</c>.</summary>
    public RunOptions(bool checkpointing) => Checkpointing = checkpointing;

    /// <summary>Whether the checkpoint options belong to the command.</summary>
    public bool Checkpointing { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Option[] common =
        [
            Dataset, Data, Model, Optimizer, LearningRate, Momentum, Epochs, BatchSize, Seed, SplitSeed, Shuffle, Out, Report,
            Teleport, TeleportEpochs, TeleportCount, TeleportEvery, TeleportAdaptive, TeleportSpacing, TeleportMax,
            TeleportBatch, TeleportSteps, TeleportLearningRate, Ascent, Symmetries, TeleportCap, OptimizerState, Lookahead, Control, Paper, PaperProtocol,
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
