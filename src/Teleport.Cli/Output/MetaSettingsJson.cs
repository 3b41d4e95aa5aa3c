using System;
using System.Collections.Generic;
using Teleport.Records;

namespace Teleport.Cli.Output;

/// <summary>
/// The settings at the top of the meta JSON outputs (<c>meta --out</c>, <c>meta-train --curve</c>, <c>meta-test --out</c>):
/// a number is a JSON number in its shortest round-trip form (it reads back to the same double), a name a string. Earlier
/// versions wrote every value as a string (<c>"steps": "300"</c>, <c>"meta_learning_rate": "0.0001"</c>); the one reader,
/// <c>RecordKind</c> (what <c>report</c> and <c>correlate --merge</c> say such a file is), looks at the keys alone, so it
/// takes both. JSON holds no NaN or ±∞: a setting that is not finite is refused when it is made, never written.
/// </summary>
internal sealed class MetaSettingsJson
{
    /// <summary>The settings in the order they are written.</summary>
    public RecordFields Fields { get; } = new();

    /// <summary>Adds a number setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or ±∞.</exception>
    public MetaSettingsJson Add(string key, double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(key, value, $"The setting \"{key}\" is {RecordJson.Text(value)}: a JSON number must be finite.");
        Fields.Add(key, value);
        return this;
    }

    /// <summary>Adds a text setting (a name, a form, a list of paths).</summary>
    public MetaSettingsJson Add(string key, string value)
    {
        Fields.Add(key, value);
        return this;
    }

    /// <summary>
    /// Every setting as text (numbers in the "R" form the JSON holds): the safetensors metadata, whose values are strings by
    /// that format, and report.md's table.
    /// </summary>
    public Dictionary<string, string> AsText()
    {
        var text = new Dictionary<string, string>(Fields.Count);
        foreach (var (key, value) in Fields) text[key] = value.Kind == RecordValueKind.Number ? RecordJson.Text(value.Number) : value.String;
        return text;
    }
}
