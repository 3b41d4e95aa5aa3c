using System;
using System.Linq;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Teleport.Data;
using Teleport.Records;

namespace Teleport.Training;

/// <summary>
/// Writes and reads a checkpoint's <c>trainer.json</c> with <see cref="Utf8JsonWriter"/> and
/// <see cref="RecordJsonReader"/>:
/// <code>
/// { "format": "teleport-checkpoint", "version": 4, "parameter_count": …,
///   "run": { "training_samples": …, "batch_size": …, "order": "sequential", "seed": …, "epochs": …,
///            "training_data": "&lt;fingerprint&gt;", "test_data": "&lt;fingerprint&gt;" or null, "identity": { … } },
///   "position": { "epoch_index": …, "batch_index": …, "global_step": …, "wall_seconds": … },
///   "accumulators": { "epoch_loss_sum": …, "epoch_samples": …, "epoch_grad_norm_sq_sum": …, "epoch_batches": …,
///                     "window_loss_sum": …, "window_samples": …, "window_steps": … },
///   "random": [ "s0 hex", "s1 hex", "s2 hex", "s3 hex" ],
///   "optimizer": { "step_count": …, "settings": { "kind": …, "lr": …, … } },
///   "epochs": [ … ], "teleports": [ … ], "loss_trace": [ … ],        (as in run records)
///   "callbacks": { "&lt;state key&gt;": "&lt;base64&gt;" } }
/// </code>
/// Doubles are written in round-trip form, so a resumed run accumulates exactly the same bits. Version 1
/// checkpoints (without the epochs, the data fingerprints and the identity) are refused: nothing could tell
/// whether they are resumed with the settings and data that wrote them. Version 3 is version 2 with
/// <c>"files_sha256"</c> always written: version 2 checkpoints written before the digests (2026-12-05/06) lack it and
/// still resume, but a version 3 file without it was edited, and resuming it would skip the check of the tensor files.
/// Version 4 is version 3 written beside a <see cref="Checkpoints.SumsFileName"/> that covers trainer.json too
/// (<see cref="CheckpointSums"/>), by the same policy: version 3 checkpoints, written before it, resume without one, and a
/// version 4 checkpoint without one is refused (<see cref="CheckpointState.Version"/> tells the resume which it is).
/// </summary>
internal static class CheckpointJson
{
    private const string Format = "teleport-checkpoint";
    private const int Version = 4;

    /// <summary>The version before <c>files_sha256</c> was required (some of its checkpoints have none).</summary>
    private const int VersionWithoutDigests = 2;

    /// <summary>The version before <see cref="Checkpoints.SumsFileName"/> was written (none of its checkpoints have one).</summary>
    private const int VersionWithoutSums = 3;

    /// <summary>Whether every checkpoint whose trainer.json has <paramref name="version"/> was written with a <see cref="Checkpoints.SumsFileName"/>.</summary>
    public static bool HasSums(int version) => version > VersionWithoutSums;

    public static byte[] ToUtf8Bytes(CheckpointState s)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, RecordJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteNumber("parameter_count", s.ParameterCount);
            w.WriteStartObject("run");
            w.WriteNumber("training_samples", s.TrainingSamples);
            w.WriteNumber("batch_size", s.BatchSize);
            w.WriteString("order", OrderName(s.Order));
            w.WriteNumber("seed", s.Seed);
            w.WriteNumber("epochs", s.PlannedEpochs);
            w.WriteString("training_data", s.TrainingData);
            if (s.TestData is null) w.WriteNull("test_data");
            else w.WriteString("test_data", s.TestData);
            w.WritePropertyName("identity");
            RecordJson.WriteObject(w, s.Identity);
            w.WriteEndObject();
            var p = s.Progress;
            w.WriteStartObject("position");
            w.WriteNumber("epoch_index", p.EpochIndex);
            w.WriteNumber("batch_index", p.BatchIndex);
            w.WriteNumber("global_step", p.GlobalStep);
            RecordJson.WriteNumber(w, "wall_seconds", s.WallSeconds);
            w.WriteEndObject();
            w.WriteStartObject("accumulators");
            RecordJson.WriteNumber(w, "epoch_loss_sum", p.EpochLossSum);
            w.WriteNumber("epoch_samples", p.EpochSamples);
            RecordJson.WriteNumber(w, "epoch_grad_norm_sq_sum", p.EpochGradNormSquaredSum);
            w.WriteNumber("epoch_batches", p.EpochBatches);
            RecordJson.WriteNumber(w, "window_loss_sum", p.WindowLossSum);
            w.WriteNumber("window_samples", p.WindowSamples);
            w.WriteNumber("window_steps", p.WindowSteps);
            w.WriteEndObject();
            w.WriteStartArray("random");
            foreach (var word in (ReadOnlySpan<ulong>)[s.Random.S0, s.Random.S1, s.Random.S2, s.Random.S3])
                w.WriteStringValue(word.ToString("x16", CultureInfo.InvariantCulture));
            w.WriteEndArray();
            w.WriteStartObject("optimizer");
            w.WriteNumber("step_count", s.OptimizerStepCount);
            w.WritePropertyName("settings");
            RecordJson.WriteObject(w, OptimizerFields.Describe(s.OptimizerKind, s.OptimizerSettings));
            w.WriteEndObject();
            RunRecordJson.WriteHistory(w, s.Epochs, s.Teleports, s.LossTrace);
            w.WriteStartObject("callbacks");
            foreach (var (key, state) in s.CallbackStates) w.WriteBase64String(key, state);
            w.WriteEndObject();
            if (s.FileDigests is { } digests)
            {
                w.WriteStartObject("files_sha256");
                foreach (var (name, digest) in digests) w.WriteString(name, digest);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public static CheckpointState Read(string path)
    {
        var root = new FieldReader(RecordJsonReader.ReadFile(path), path, "");
        if (root.String("format") != Format) throw root.Fail("format", $"is not \"{Format}\"");
        var version = root.Integer("version");
        if (version == 1)
            throw root.Fail("version", "is 1: the checkpoint predates the record of its settings and data, so a resume could not be checked; start a new checkpoint folder");
        if (version is not (VersionWithoutDigests or VersionWithoutSums or Version))
            throw root.Fail("version", string.Create(CultureInfo.InvariantCulture, $"is {version}, not {VersionWithoutDigests}, {VersionWithoutSums} or {Version}"));
        if (version > VersionWithoutDigests && !root.Has("files_sha256"))
            throw root.Fail("files_sha256", string.Create(CultureInfo.InvariantCulture,
                $"is missing, but every version {version} checkpoint records the SHA-256 of its tensor files there: without it they could not be checked"));
        var run = root.Object("run");
        var orderName = run.String("order");
        var order = orderName switch
        {
            "sequential" => BatchOrder.Sequential,
            "shuffled" => BatchOrder.Shuffled,
            _ => throw run.Fail("order", $"is \"{orderName}\", not \"sequential\" or \"shuffled\""),
        };
        var position = root.Object("position");
        var sums = root.Object("accumulators");
        var progress = new TrainingProgress
        {
            EpochIndex = position.Int32("epoch_index", 0),
            BatchIndex = position.Int32("batch_index", 0),
            GlobalStep = position.Integer("global_step", 0),
            EpochLossSum = sums.Number("epoch_loss_sum"),
            EpochSamples = sums.Integer("epoch_samples", 0),
            EpochGradNormSquaredSum = sums.Number("epoch_grad_norm_sq_sum"),
            EpochBatches = sums.Integer("epoch_batches", 0),
            WindowLossSum = sums.Number("window_loss_sum"),
            WindowSamples = sums.Integer("window_samples", 0),
            WindowSteps = sums.Int32("window_steps", 0),
        };
        var optimizer = root.Object("optimizer");
        var settingsReader = optimizer.Object("settings");
        var (kind, settings) = OptimizerFields.Parse(settingsReader.Fields, path, "optimizer.settings");
        CheckpointSettingValues.Check(settingsReader, kind);
        var (epochs, teleports, trace) = RunRecordJson.ReadHistory(root);
        return new CheckpointState
        {
            Version = (int)version,
            ParameterCount = root.Int32("parameter_count", 0),
            TrainingSamples = run.Int32("training_samples", 0),
            BatchSize = run.Int32("batch_size", 1),
            Order = order,
            Seed = run.Integer("seed"),
            PlannedEpochs = run.Int32("epochs", 0),
            TrainingData = run.String("training_data"),
            TestData = run.Has("test_data") ? run.String("test_data") : null,
            Identity = run.Object("identity").Fields,
            Progress = progress,
            WallSeconds = position.Number("wall_seconds"),
            Random = ReadRandom(root),
            OptimizerKind = kind,
            OptimizerSettings = settings,
            OptimizerStepCount = optimizer.Integer("step_count", 0),
            Epochs = epochs,
            Teleports = teleports,
            LossTrace = trace,
            CallbackStates = ReadCallbacks(root.Object("callbacks")),
            FileDigests = ReadDigests(root),
        };
    }

    private static RandomState ReadRandom(FieldReader root)
    {
        var words = root.Array("random");
        var s = new ulong[4];
        for (var i = 0; i < 4; i++)
            if (words.Count != 4 || words[i].Kind != RecordValueKind.String
                || !ulong.TryParse(words[i].String, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out s[i]))
                throw root.Fail("random", "is not four 64-bit hexadecimal strings");
        if ((s[0] | s[1] | s[2] | s[3]) == 0) throw root.Fail("random", "is the all-zero state, which xoshiro256** cannot have");
        return new RandomState(s[0], s[1], s[2], s[3]);
    }

    /// <summary>The optional <c>files_sha256</c> object: file name → 64 lower-case hex digits.</summary>
    private static Dictionary<string, string>? ReadDigests(FieldReader root)
    {
        if (!root.Has("files_sha256")) return null;
        var files = root.Object("files_sha256");
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, _) in files.Fields)
        {
            var digest = files.String(name);
            if (digest.Length != 64 || !digest.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
                throw files.Fail(name, "is not a SHA-256 digest (64 lower-case hexadecimal digits)");
            digests[name] = digest;
        }
        return digests;
    }

    private static List<KeyValuePair<string, byte[]>> ReadCallbacks(FieldReader callbacks)
    {
        var states = new List<KeyValuePair<string, byte[]>>();
        foreach (var (key, _) in callbacks.Fields)
        {
            try
            {
                states.Add(new(key, Convert.FromBase64String(callbacks.String(key))));
            }
            catch (FormatException)
            {
                throw callbacks.Fail(key, "is not base64");
            }
        }
        return states;
    }

    private static string OrderName(BatchOrder order) => order == BatchOrder.Sequential ? "sequential" : "shuffled";
}
