using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Data;
using Teleport.Serialization;

namespace AotInference;

/// <summary>
/// The paper network's weights as a safetensors file (PyTorch <c>state_dict</c> names and layout).
/// Every problem with a file is a <see cref="TeleportDataException"/> whose message is one line naming
/// the file and what is wrong (missing, truncated, malformed header, missing/extra/misshapen tensor,
/// non-float dtype, non-finite value).
/// </summary>
public static class WeightsFile
{
    /// <summary>Reads <paramref name="path"/> into a new <see cref="FashionMlp"/>.</summary>
    public static FashionMlp Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var model = new FashionMlp();
        // The library's reader refuses a missing, extra or misshapen tensor, an empty tensor name and a non-finite weight.
        SafeTensors.ReadParameters<float>(path, FashionMlp.Info, model.Parameters);
        return model;
    }

    /// <summary>
    /// Writes a deterministically initialised model (PyTorch <c>nn.Linear</c> initialisation for
    /// <paramref name="seed"/>) to <paramref name="path"/>, atomically. Such a model classifies at chance
    /// level; it exists to exercise the load and predict path before a trained model file is at hand.
    /// </summary>
    public static void ExportRandom(string path, int seed)
    {
        ArgumentNullException.ThrowIfNull(path);
        var model = new FashionMlp();
        model.InitializeParameters(seed);
        var metadata = new Dictionary<string, string>
        {
            ["network"] = "FashionMlp 784-16-10-10, leaky_relu(0.1), no bias",
            ["initialization"] = "nn.Linear default, seed " + seed.ToString(CultureInfo.InvariantCulture),
        };
        SafeTensors.WriteParameters<float>(path, FashionMlp.Info, model.Parameters, metadata);
    }
}
