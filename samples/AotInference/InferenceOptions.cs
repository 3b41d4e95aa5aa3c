using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Teleport.Data;

namespace AotInference;

/// <summary>The parsed command line of <see cref="InferenceApp"/>.</summary>
public sealed class InferenceOptions
{
    public string? WeightsPath { get; private set; }
    public string DataFolder { get; private set; } = FashionMnist.DefaultDirectory;
    public int WarmupPasses { get; private set; } = 1;
    public string? ExportPath { get; private set; }
    public int Seed { get; private set; } = 1;
    public bool ShowHelp { get; private set; }

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out InferenceOptions? options, [NotNullWhen(false)] out string? problem)
    {
        var o = new InferenceOptions();
        var positional = 0;
        bool seedGiven = false, warmupGiven = false;
        options = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    o.ShowHelp = true;
                    break;
                case "--export-random-weights":
                    if (!TryValue(args, ref i, out var path, out problem)) return false;
                    o.ExportPath = path;
                    break;
                case "--seed":
                    if (!TryInt(args, ref i, 0, out var seed, out problem)) return false;
                    o.Seed = seed;
                    seedGiven = true;
                    break;
                case "--warmup-passes":
                    if (!TryInt(args, ref i, 0, out var passes, out problem)) return false;
                    o.WarmupPasses = passes;
                    warmupGiven = true;
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        problem = $"unknown option {arg}";
                        return false;
                    }
                    if (positional == 0) o.WeightsPath = arg;
                    else if (positional == 1) o.DataFolder = arg;
                    else
                    {
                        problem = $"unexpected argument {arg}";
                        return false;
                    }
                    positional++;
                    break;
            }
        }
        if (!o.ShowHelp && o.ExportPath is null && o.WeightsPath is null)
        {
            problem = "no weights file given";
            return false;
        }
        if (o.ExportPath is not null && positional > 0)
        {
            problem = "--export-random-weights takes no other file or folder";
            return false;
        }
        // Each was taken without a word where nothing reads it.
        if (seedGiven && o.ExportPath is null && !o.ShowHelp)
        {
            problem = "--seed seeds --export-random-weights; inference reads its weights from the file";
            return false;
        }
        if (warmupGiven && o.ExportPath is not null)
        {
            problem = "--warmup-passes times inference; --export-random-weights runs none";
            return false;
        }
        options = o;
        problem = null;
        return true;
    }

    private static bool TryValue(string[] args, ref int i, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? problem)
    {
        if (i + 1 >= args.Length)
        {
            value = null;
            problem = $"{args[i]} needs a value";
            return false;
        }
        value = args[++i];
        problem = null;
        return true;
    }

    private static bool TryInt(string[] args, ref int i, int minimum, out int value, [NotNullWhen(false)] out string? problem)
    {
        value = 0;
        var name = args[i];
        if (!TryValue(args, ref i, out var text, out problem)) return false;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) || value < minimum)
        {
            problem = $"{name} needs an integer ≥ {minimum}, got \"{text}\"";
            return false;
        }
        return true;
    }
}
