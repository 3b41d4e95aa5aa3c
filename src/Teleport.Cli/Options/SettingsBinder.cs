using System.CommandLine;
using Teleport.Cli.Data;
using Teleport.Cli.Output;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Options;

/// <summary>
/// Resolves <see cref="RunOptions"/> into <see cref="RunSettings"/>: explicit options first, then the
/// <c>--paper</c> preset, then the defaults; and checks the combinations a parser cannot (exit code 2).
/// </summary>
internal static class SettingsBinder
{
    /// <summary>
    /// The settings of <paramref name="result"/>. With <paramref name="teleportRequired"/> (<c>compare</c>), the
    /// teleport is on whatever the schedule options say, and an explicit <c>--teleport none</c> is an error.
    /// </summary>
    /// <exception cref="UsageException">Options that do not fit together.</exception>
    public static RunSettings Bind(RunOptions o, ParseResult result, bool teleportRequired)
    {
        bool Given(Option option) => result.IsGiven(option);
        T Value<T>(Option<T> option) => result.GetValue(option)!;

        var paper = Value(o.Paper);
        var protocol = paper || Value(o.PaperProtocol);
        if (!OptimizerFields.TryParseKind(Value(o.Optimizer), out var kind)) throw new UsageException($"Unknown optimizer {Value(o.Optimizer)}.");
        var (paperLr, paperMomentum) = PaperPreset.Optimizer(kind);
        var (paperEpoch, paperTeleportLr) = PaperPreset.Teleport(kind);
        // --paper-protocol presets the training protocol; --paper also the paper's teleport algorithm. Each preset value
        // is recorded as the preset's, so a check that refuses it names the preset rather than an option never typed.
        var origins = new OptionOrigins(result);
        bool Preset(Option option) => Presets(option, protocol, paper ? o.Paper.Name : o.PaperProtocol.Name);
        bool TeleportPreset(Option option) => Presets(option, paper, o.Paper.Name);
        bool Presets(Option option, bool on, string preset)
        {
            if (!on || Given(option)) return false;
            origins.Preset(option.Name, preset);
            return true;
        }

        var epochs = Preset(o.Epochs) ? PaperPreset.Epochs : Value(o.Epochs);
        var scheduled = Given(o.TeleportEpochs) || Given(o.TeleportEvery) || Given(o.TeleportAdaptive);
        var control = Value(o.Control);
        // An option that configures teleports asks for them, as a schedule does: `--teleport-method level-set` alone
        // trained without a teleport and said nothing.
        var configured = System.Array.Find(o.TeleportSettings, Given);
        var teleport = Given(o.Teleport) ? Value(o.Teleport) == "gradnorm" : protocol || configured is not null || control || teleportRequired;
        if (teleportRequired && !teleport) throw new UsageException("compare runs the same seed without and with teleports: --teleport none leaves nothing to compare.");
        if (control && !teleport) throw new UsageException("--control applies the optimizer-state policy at the teleport points: it needs a teleport schedule, not --teleport none.");
        if (!teleport && configured is not null) throw new UsageException($"{configured.Name} configures teleports, and --teleport none turns them off: drop one of them.");
        var method = Method(Value(o.TeleportMethod));
        CheckMethodSettings(o, method, Given);

        // A momentum Adam never read was written into the run record as the run's.
        if (Given(o.Momentum) && kind is not (OptimizerKind.Sgd or OptimizerKind.Momentum or OptimizerKind.RmsProp))
            throw new UsageException($"--momentum applies to sgd, momentum and rmsprop; {OptimizerFields.KindName(kind)} has none.");

        int[] teleportEpochs = Given(o.TeleportEpochs) ? Value(o.TeleportEpochs)
            : protocol ? [paperEpoch]
            : scheduled ? []
            : [1];
        // Schedule options that would be read by nothing: a count with no epoch to count in, a spacing with no adaptive trigger.
        if (teleport && Given(o.TeleportCount) && Value(o.TeleportCount) > 0 && teleportEpochs.Length == 0)
            throw new UsageException("--teleport-count counts the teleports at the start of each --teleport-epochs epoch, and with --teleport-every or --teleport-adaptive given no epoch is scheduled unless --teleport-epochs names it.");
        if (Given(o.TeleportSpacing) && Value(o.TeleportAdaptive) == 0)
            throw new UsageException("--teleport-min-spacing spaces the teleports of --teleport-adaptive, which is off (0).");
        if (teleport)
        {
            for (var i = 0; i < teleportEpochs.Length; i++)
            {
                var e = teleportEpochs[i];
                // The preset's epoch was blamed on a --teleport-epochs the user never typed (`--paper --epochs 1` with sgd).
                if (e > epochs && !Given(o.TeleportEpochs) && protocol)
                    throw new UsageException($"{(paper ? "--paper" : "--paper-protocol")} teleports in epoch {e} for {OptimizerFields.KindName(kind)} (the paper's teleport epoch), beyond --epochs {epochs}: train at least {e} epochs, or name the teleport epochs with --teleport-epochs.");
                if (e > epochs) throw new UsageException($"--teleport-epochs {e} is beyond {origins.Name(o.Epochs.Name, epochs)} (teleport epochs are 1-based).");
                // "1,1" read as one epoch's teleports, and the headline said "epoch 1,1".
                if (System.Array.IndexOf(teleportEpochs, e) < i) throw new UsageException($"--teleport-epochs: epoch {e} is given twice.");
            }
        }

        var checkpoint = o.Checkpointing ? result.GetValue(o.Checkpoint) : null;
        var resume = o.Checkpointing && Value(o.Resume);
        if (resume && checkpoint is null) throw new UsageException("--resume needs --checkpoint DIR (the folder to resume from).");
        if (o.Checkpointing && checkpoint is null && Given(o.CheckpointEvery)) throw new UsageException("--checkpoint-every needs --checkpoint DIR (the folder to write the checkpoints into).");
        // The look-ahead tests teleports; a train --control run has none (an explicit look-ahead with it is an error). In
        // compare, --control adds a control arm beside the teleport arm, whose look-ahead stays (it was turned off).
        var controlRun = control && !teleportRequired;
        var lookahead = controlRun || TeleportPreset(o.Lookahead) ? 0 : Value(o.Lookahead);
        if (controlRun && Given(o.Lookahead) && Value(o.Lookahead) > 0) throw new UsageException("--teleport-lookahead tests teleports; a --control run has none.");

        return new RunSettings
        {
            Dataset = DatasetCatalog.Parse(Value(o.Dataset)),
            DataDirectory = result.GetValue(o.Data),
            Model = Value(o.Model),
            Optimizer = kind,
            LearningRate = Preset(o.LearningRate) ? paperLr : result.GetValue(o.LearningRate),
            Momentum = Preset(o.Momentum) ? paperMomentum : result.GetValue(o.Momentum),
            Epochs = epochs,
            BatchSize = Preset(o.BatchSize) ? PaperPreset.BatchSize : Value(o.BatchSize),
            Seed = Value(o.Seed),
            SplitSeed = Value(o.SplitSeed),
            Shuffle = !Preset(o.Shuffle) && Value(o.Shuffle),
            NoBatchLoader = Value(o.NoBatchLoader),
            Out = result.GetValue(o.Out),
            CheckpointDirectory = checkpoint,
            Resume = resume,
            CheckpointEvery = o.Checkpointing ? Value(o.CheckpointEvery) : 0,
            Teleport = teleport,
            Schedule = new TeleportSchedule
            {
                Epochs = teleportEpochs,
                CountPerEpoch = Preset(o.TeleportCount) ? PaperPreset.TeleportCount : Value(o.TeleportCount),
                EverySteps = Value(o.TeleportEvery),
                AdaptiveFraction = Value(o.TeleportAdaptive),
                AdaptiveMinSpacing = Value(o.TeleportSpacing),
                MaxTeleports = result.GetValue(o.TeleportMax) ?? int.MaxValue,
            },
            TeleportBatch = Preset(o.TeleportBatch) ? PaperPreset.TeleportBatch : Value(o.TeleportBatch),
            TeleportSteps = Preset(o.TeleportSteps) ? PaperPreset.TeleportSteps : Value(o.TeleportSteps),
            TeleportLearningRate = TeleportPreset(o.TeleportLearningRate) ? paperTeleportLr : result.GetValue(o.TeleportLearningRate) ?? new TeleportOptions().LearningRate,
            Symmetries = Value(o.Symmetries) == "all" ? SymmetrySet.All : SymmetrySet.Exact,
            Method = method,
            LevelSet = new LevelSetOptions
            {
                Steps = result.GetValue(o.LevelSetSteps) ?? (TeleportPreset(o.LevelSetSteps) ? PaperPreset.LevelSetSteps : new LevelSetOptions().Steps),
                StepSize = Value(o.LevelSetRho),
                LineSearch = Value(o.LevelSetLineSearch) == "on",
                SubLevel = Value(o.LevelSetMode) == "sub-level",
                Restorations = result.GetValue(o.LevelSetRestorations) ?? (TeleportPreset(o.LevelSetRestorations) ? 0 : new LevelSetOptions().Restorations),
            },
            NullSpace = new NullSpaceOptions { Threshold = Value(o.NullSpaceTau) },
            LogarithmicAscent = TeleportPreset(o.Ascent) ? false : Value(o.Ascent) == "log",
            GradNormSquaredCap = TeleportPreset(o.TeleportCap) ? PaperPreset.GradNormSquaredCap : result.GetValue(o.TeleportCap) ?? double.PositiveInfinity,
            OptimizerState = TeleportPreset(o.OptimizerState) ? OptimizerStatePolicy.Reset : Policy(Value(o.OptimizerState)),
            Lookahead = lookahead,
            Control = control,
            Paper = paper,
            PaperProtocol = protocol,
            LimitTrain = result.GetValue(o.LimitTrain),
            LimitTest = result.GetValue(o.LimitTest),
            StopAfterSteps = o.Checkpointing ? result.GetValue(o.StopAfterSteps) : null,
            Origins = origins,
        };
    }

    /// <summary>
    /// Checks, once the data are loaded, that the teleport schedule can do what it says in a run of
    /// <paramref name="batchesPerEpoch"/> batches per epoch: a schedule that can never complete or never fire is a
    /// usage error, not an hours-long run that quietly does something else.
    /// </summary>
    /// <exception cref="UsageException">The first option that cannot work, by name.</exception>
    public static void CheckSchedule(RunSettings s, int batchesPerEpoch)
    {
        if (!s.Teleport) return;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var steps = (long)s.Epochs * batchesPerEpoch;
        var epoch = string.Create(c, $"{Format.Count(batchesPerEpoch, "batch", "batches")} of {s.BatchSize}");
        var run = string.Create(c, $"{Format.Count(steps, "step")} ({Format.Count(s.Epochs, "epoch")} of {epoch})");
        var schedule = s.Schedule;
        // A teleporting run that can never teleport (compare then compared two equal arms, and train's headline read
        // "teleport: ; 10 log-ascent steps …").
        // It blamed --teleport-count 0 for `--teleport-every 0` alone, which empties the epoch schedule instead.
        if (schedule.IsEmpty)
            throw new UsageException((schedule.Epochs.Count == 0
                    ? $"the schedule holds no teleport: {s.Origins.Name("--teleport-every", schedule.EverySteps)} never fires, {s.Origins.Name("--teleport-adaptive", schedule.AdaptiveFraction)} is off, and with either given no epoch's teleports are added unless --teleport-epochs names them"
                    : $"{s.Origins.Name("--teleport-count", schedule.CountPerEpoch)} schedules no teleport, and neither --teleport-every nor --teleport-adaptive adds one")
                + ": a teleporting run needs at least one (a run without them is train --teleport none).");
        if (schedule.MaxTeleports == 0)
            throw new UsageException("--teleport-max 0 allows no teleport: a teleporting run needs at least one (a run without them is train --teleport none).");
        if (schedule.Epochs.Count > 0 && schedule.CountPerEpoch > batchesPerEpoch)
            throw new UsageException(string.Create(c,
                $"{s.Origins.Name("--teleport-count", schedule.CountPerEpoch)} is more teleports than an epoch has batches ({epoch}): one teleports per batch; use at most {batchesPerEpoch}."));
        if (schedule.EverySteps >= steps)
            throw new UsageException(string.Create(c, $"{s.Origins.Name("--teleport-every", schedule.EverySteps)} never fires in a run of {run}; use fewer than {steps}."));
        if (schedule.AdaptiveFraction > 0 && schedule.AdaptiveMinSpacing >= steps)
            throw new UsageException(string.Create(c,
                $"{s.Origins.Name("--teleport-min-spacing", schedule.AdaptiveMinSpacing)} lets --teleport-adaptive fire only after the run's {run} ended; use fewer than {steps}."));
        // Each teleport's look-ahead trains K steps twice and evaluates 2K batches: K beyond the whole run can never
        // be completed by it (and K near 2³¹ would not finish at all).
        if (!s.Control && s.Lookahead > steps)
            throw new UsageException(string.Create(c,
                $"{s.Origins.Name("--teleport-lookahead", s.Lookahead)} looks further ahead than the run's {run}; use at most {steps} (0 keeps every teleport)."));
    }

    /// <summary>
    /// Refuses an option the chosen teleport method does not read (<c>--teleport-method level-set --teleport-steps 50</c>
    /// ran 10 level-set iterations and never said that 50 went unused).
    /// </summary>
    private static void CheckMethodSettings(RunOptions o, TeleportMethod method, System.Func<Option, bool> given)
    {
        var chosen = given(o.TeleportMethod) ? "--teleport-method " + MethodName(method) : "the default --teleport-method group";
        void Refuse(Option option, string what) => throw new UsageException($"{option.Name} does not apply to {chosen}: it sets {what}.");
        if (method == TeleportMethod.LevelSet)
        {
            foreach (var option in new Option[] { o.TeleportSteps, o.TeleportLearningRate, o.Ascent })
                if (given(option)) Refuse(option, "the group and null-space ascents (the level-set solver takes --level-set-steps and --level-set-rho)");
        }
        else
        {
            foreach (var option in o.LevelSetSettings)
                if (given(option)) Refuse(option, "the level-set solver (--teleport-method level-set)");
        }
        if (method != TeleportMethod.Group && given(o.Symmetries)) Refuse(o.Symmetries, "the symmetry groups of the group teleport (--teleport-method group); this method needs none");
        if (method != TeleportMethod.NullSpace && given(o.NullSpaceTau)) Refuse(o.NullSpaceTau, "the null-space ascent's projection (--teleport-method null-space)");
    }

    private static TeleportMethod Method(string name) => name switch
    {
        "level-set" => TeleportMethod.LevelSet,
        "null-space" => TeleportMethod.NullSpace,
        _ => TeleportMethod.Group,
    };

    /// <summary>The CLI name of a teleport method (--teleport-method, the run record's teleport_method).</summary>
    public static string MethodName(TeleportMethod method) => TeleportCallback.MethodName(method);

    private static OptimizerStatePolicy Policy(string name) => name switch
    {
        "keep" => OptimizerStatePolicy.Keep,
        "transport" => OptimizerStatePolicy.Transport,
        _ => OptimizerStatePolicy.Reset,
    };
}
