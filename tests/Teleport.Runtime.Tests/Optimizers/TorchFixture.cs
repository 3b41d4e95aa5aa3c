using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Optimizers;

namespace Teleport.Runtime.Tests.Optimizers;

/// <summary>One PyTorch reference trajectory from Fixtures/optimizers/*.json (see make_optimizer_fixtures.py).</summary>
internal sealed record TorchFixture(
    string File,
    string Name,
    string DataType,
    OptimizerKind Kind,
    OptimizerSettings Settings,
    IReadOnlyDictionary<int, double> LearningRateChanges,
    double[] Initial,
    double[][] Gradients,
    double[][] Parameters,
    IReadOnlyDictionary<string, double[]> FinalState)
{
    public static readonly string[] Files = ["sgd", "adagrad", "rmsprop", "adam", "adamw"];

    private static readonly Dictionary<string, TorchFixture[]> Cache = new();

    public string Id => $"{File}/{Name}/{DataType}";

    public static IReadOnlyList<TorchFixture> Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out TorchFixture[]? cases))
            {
                cases = Parse(file);
                Cache.Add(file, cases);
            }

            return cases;
        }
    }

    public static TorchFixture Find(string file, string name, string dataType) =>
        Load(file).Single(c => c.Name == name && c.DataType == dataType);

    private static TorchFixture[] Parse(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "optimizers", file + ".json");
        using JsonDocument document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        OptimizerKind kind = file switch
        {
            "sgd" => OptimizerKind.Sgd,
            "adagrad" => OptimizerKind.AdaGrad,
            "rmsprop" => OptimizerKind.RmsProp,
            "adam" => OptimizerKind.Adam,
            "adamw" => OptimizerKind.AdamW,
            _ => throw new ArgumentException(file),
        };
        var result = new List<TorchFixture>();
        foreach (JsonElement c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            result.Add(new TorchFixture(
                file,
                c.GetProperty("name").GetString()!,
                c.GetProperty("dtype").GetString()!,
                kind,
                ParseSettings(c.GetProperty("settings")),
                c.GetProperty("lr_changes").EnumerateArray().ToDictionary(e => e[0].GetInt32(), e => e[1].GetDouble()),
                Vector(c.GetProperty("initial")),
                c.GetProperty("gradients").EnumerateArray().Select(Vector).ToArray(),
                c.GetProperty("parameters").EnumerateArray().Select(Vector).ToArray(),
                c.GetProperty("final_state").EnumerateObject().ToDictionary(p => p.Name, p => Vector(p.Value))));
        }

        return result.ToArray();
    }

    private static double[] Vector(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>Maps torch keyword arguments to settings; unknown keys fail the test run.</summary>
    private static OptimizerSettings ParseSettings(JsonElement settings)
    {
        var result = new OptimizerSettings();
        foreach (JsonProperty p in settings.EnumerateObject())
        {
            JsonElement v = p.Value;
            result = p.Name switch
            {
                "lr" => result with { LearningRate = v.GetDouble() },
                "momentum" => result with { Momentum = v.GetDouble() },
                "dampening" => result with { Dampening = v.GetDouble() },
                "nesterov" => result with { Nesterov = v.GetBoolean() },
                "weight_decay" => result with { WeightDecay = v.GetDouble() },
                "maximize" => result with { Maximize = v.GetBoolean() },
                "lr_decay" => result with { LearningRateDecay = v.GetDouble() },
                "initial_accumulator_value" => result with { InitialAccumulatorValue = v.GetDouble() },
                "eps" => result with { Epsilon = v.GetDouble() },
                "alpha" => result with { Alpha = v.GetDouble() },
                "centered" => result with { Centered = v.GetBoolean() },
                "betas" => result with { Beta1 = v[0].GetDouble(), Beta2 = v[1].GetDouble() },
                "amsgrad" => result with { AmsGrad = v.GetBoolean() },
                _ => throw new InvalidDataException($"Unknown torch setting '{p.Name}'."),
            };
        }

        return result;
    }
}
