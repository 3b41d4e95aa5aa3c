using System;
using System.Globalization;
using Teleport.Data;
using Teleport.Serialization;

namespace Teleport.MetaLearning;

/// <summary>
/// Whether a saved LSTM(lr) or LSTM(lr, tele) file holds what its "variant" metadata says. The two share every tensor
/// (one network, <c>meta.</c>, whose output layer writes T — S² values, the Lie-algebra element — and the step size),
/// so a relabelled file loads either way; their contents still differ. LSTM(lr) never teleports: the cotangent of T is
/// 0 in every window (<see cref="InnerOptimizer"/>'s TeleportVjp), so the output layer's T rows get a zero meta-gradient,
/// and Adam moves a parameter whose gradient is always 0 by m̂/(√v̂ + ε) = 0 — they stay at their initialisation from
/// the "seed" meta-train writes, bit for bit. LSTM(lr, tele) trains them. (The update variants need no such check:
/// their tensor sets differ, and <see cref="MetaLearner.Load"/> refuses a tensor of no network, or a missing one.)
/// </summary>
public static class MetaFileVariant
{
    /// <summary>The seed the file's networks were initialised from ("seed" in the metadata, written by meta-train).</summary>
    /// <exception cref="TeleportDataException">It is missing or not an integer.</exception>
    public static int SeedOf(SafeTensorsFile file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Metadata.TryGetValue("seed", out var text))
            throw new TeleportDataException(path, "no \"seed\" in the metadata: meta-train writes the seed of the networks' initialisation, which tells an lr file from an lr-tele one");
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new TeleportDataException(path, $"\"seed\" in the metadata is \"{text}\", not an integer");
    }

    /// <summary>
    /// Refuses <paramref name="loaded"/> (read from <paramref name="path"/>) when its contents contradict its variant or
    /// form: a teleport form other than Lie on a learner that does not teleport; for LSTM(lr[, tele]), T rows of the
    /// output layer that differ from <paramref name="initial"/> (the network's parameters initialised from
    /// <paramref name="seed"/>) for lr, or equal them for lr-tele.
    /// </summary>
    /// <exception cref="TeleportDataException">The metadata and the contents disagree (the message names the field).</exception>
    public static void Check(MetaLearner loaded, ReadOnlySpan<double> initial, int seed, string path)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var variant = loaded.Variant;
        // meta-train refuses --form for a learner that does not teleport and writes "lie" for it.
        if (!variant.Teleports() && loaded.Settings.Form != TeleportForm.Lie)
            throw new TeleportDataException(path, $"\"form\" in the metadata is {MetaLearner.FormName(loaded.Settings.Form)}, but the variant {variant.Key()} does not teleport (meta-train writes lie for it)");
        if (variant.LearnsUpdate()) return;

        var network = loaded.Networks[0];
        var tensors = network.Info.Tensors;
        // The output layer: its weight [outputs, hidden] and bias [outputs] are the last two tensors; rows 0 … outputs − 2
        // write T, the last row the step size.
        var (weight, bias) = (tensors[^2], tensors[^1]);
        var rows = bias.Length - 1;
        var columns = weight.Length / bias.Length;
        var parameters = network.Parameters;
        var untrained = Same(parameters, initial, weight.Offset, rows * columns) && Same(parameters, initial, bias.Offset, rows);
        var head = string.Create(CultureInfo.InvariantCulture, $"the teleport head (rows 0–{rows - 1} of {loaded.Prefix(0)}{weight.Name} and {loaded.Prefix(0)}{bias.Name}, which write T)");
        if (variant.Teleports() && untrained)
            throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"\"variant\" in the metadata is {variant.Key()}, but {head} is its initialisation from seed {seed}, bit for bit: meta-training {variant.Title()} trains it, LSTM(lr) leaves it (an lr file relabelled {variant.Key()}?)"));
        if (!variant.Teleports() && !untrained)
            throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"\"variant\" in the metadata is {variant.Key()}, but {head} differs from its initialisation from seed {seed}: {variant.Title()} never teleports, so meta-training leaves it there (an lr-tele file relabelled {variant.Key()}, or an edited \"seed\"?)"));
    }

    private static bool Same(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int offset, int length) =>
        a.Slice(offset, length).SequenceEqual(b.Slice(offset, length));
}
