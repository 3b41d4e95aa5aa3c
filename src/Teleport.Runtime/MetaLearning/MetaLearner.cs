using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Data;
using Teleport.Serialization;

namespace Teleport.MetaLearning;

/// <summary>
/// A learned optimiser: its variant, its constants and its meta-networks (one, or the update and the teleport network of
/// LSTM(update, tele)); it makes the inner optimiser of a task and saves or loads its networks as one safetensors file
/// (tensors prefixed <c>meta.</c>, or <c>update.</c> and <c>tele.</c>, as submodules of a PyTorch container; the
/// variant, the teleport form and how it was trained in the metadata).
/// </summary>
public sealed class MetaLearner
{
    public MetaLearner(MetaVariant variant, MetaSettings settings, IRecurrentModel<double> network, IRecurrentModel<double>? teleporter = null)
    {
        if (!Enum.IsDefined(variant)) throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown meta-learning variant.");
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        ArgumentNullException.ThrowIfNull(network);
        if (variant == MetaVariant.LearnedUpdateTeleport && teleporter is null)
            throw new ArgumentNullException(nameof(teleporter), "LSTM(update, tele) needs a teleport network.");
        Variant = variant;
        Settings = settings with { Teleport = variant.Teleports() };
        Networks = variant == MetaVariant.LearnedUpdateTeleport ? [network, teleporter!] : [network];
    }

    public MetaVariant Variant { get; }

    public MetaSettings Settings { get; }

    /// <summary>The meta-networks, in the order the inner optimiser's MetaGradient writes their gradients.</summary>
    public IRecurrentModel<double>[] Networks { get; }

    /// <summary>The tensor-name prefix of network <paramref name="index"/> in a saved file.</summary>
    public string Prefix(int index) => Variant.LearnsUpdate() ? (index == 0 ? "update." : "tele.") : "meta.";

    /// <summary>A fresh inner optimisation of <paramref name="task"/> driven by these networks.</summary>
    public InnerOptimizer Optimizer(RegressionTask task) => Variant.LearnsUpdate()
        ? new LearnedUpdateOptimizer(Networks[0], Networks.Length > 1 ? Networks[1] : null, task, Settings)
        : new LearnedTeleportOptimizer(Networks[0], task, Settings);

    /// <summary>Writes every network's parameters (F64) and <paramref name="metadata"/> plus the variant and the form, atomically.</summary>
    public void Save(string path, IReadOnlyDictionary<string, string> metadata) => AtomicFile.WriteAllBytes(path, ToBytes(metadata));

    /// <summary>
    /// The safetensors file <see cref="Save"/> writes, as bytes: for a caller that writes it beside other outputs, all or
    /// none (<c>teleport meta-train</c>'s <c>--out</c>, <c>--curve</c> and <c>--report</c>).
    /// </summary>
    public byte[] ToBytes(IReadOnlyDictionary<string, string> metadata)
    {
        var tensors = new List<SafeTensor>();
        for (var i = 0; i < Networks.Length; i++)
            tensors.AddRange(SafeTensors.ParameterTensors<double>(Networks[i].Info, Networks[i].Parameters, Prefix(i)));
        var all = new Dictionary<string, string>(metadata)
        {
            ["variant"] = Variant.Key(),
            ["form"] = FormName(Settings.Form),
        };
        return SafeTensors.ToBytes(tensors, all);
    }

    /// <summary>The variant a saved file declares (its "variant" metadata), or a <see cref="TeleportDataException"/> naming the problem.</summary>
    public static MetaVariant VariantOf(SafeTensorsFile file, string path)
    {
        if (!file.Metadata.TryGetValue("variant", out var key))
            throw new TeleportDataException(path, "no \"variant\" in the metadata: not a meta-network saved by teleport meta-train");
        if (!MetaVariants.TryParse(key, out var variant))
            throw new TeleportDataException(path, $"unknown variant \"{key}\" in the metadata (expected lr-tele, lr, update or update-tele)");
        return variant;
    }

    /// <summary>The name of a teleport form in a file's metadata and on the command line: "lie" or "exact".</summary>
    public static string FormName(TeleportForm form) => form == TeleportForm.Lie ? "lie" : "exact";

    /// <summary>
    /// The teleport form a meta-network was trained with ("form" in the metadata: "lie" or "exact"; absent in files that
    /// predate it, which were all Lie-form). Any other value is an error: testing a learner in a form it was not trained
    /// in would give numbers of a different method.
    /// </summary>
    public static TeleportForm FormOf(SafeTensorsFile file, string path)
    {
        if (!file.Metadata.TryGetValue("form", out var form)) return TeleportForm.Lie;
        return form switch
        {
            "lie" => TeleportForm.Lie,
            "exact" => TeleportForm.ExactInverse,
            _ => throw new TeleportDataException(path, $"unknown teleport form \"{form}\" in the metadata (expected lie or exact)"),
        };
    }

    /// <summary>Reads every network's parameters from <paramref name="file"/>; a tensor of no network is an error.</summary>
    public void Load(SafeTensorsFile file, string path)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Networks.Length; i++)
        {
            SafeTensors.ReadParameters<double>(file, path, Networks[i].Info, Networks[i].Parameters, Prefix(i));
            foreach (var t in Networks[i].Info.Tensors) known.Add(Prefix(i) + t.Name);
        }
        foreach (var t in file.Tensors)
            if (!known.Contains(t.Name))
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"tensor \"{t.Name}\" belongs to no network of {Variant.Title()}"));
    }
}
