using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Teleport.Cli.Options;

/// <summary>
/// Where each run option's value came from: typed, a preset's (<c>--paper</c>, <c>--paper-protocol</c>) or the
/// default. A check that refuses a value the user never typed names its source, so the user knows which option to
/// type to fix it: <c>--teleport gradnorm --limit-train 40</c> was told "--teleport-count 8 is more teleports than an epoch has
/// batches", and had typed no --teleport-count.
/// </summary>
internal sealed class OptionOrigins
{
    private readonly HashSet<string> _typed = [];
    private readonly Dictionary<string, string> _presetBy = [];

    /// <summary>The origins of <paramref name="result"/>'s options: those given explicitly are typed, the rest defaults until <see cref="Preset"/> says otherwise.</summary>
    public OptionOrigins(ParseResult result)
    {
        foreach (var option in result.CommandResult.Children)
            if (option is OptionResult { Implicit: false } given) _typed.Add(given.Option.Name);
    }

    /// <summary>The option <paramref name="name"/> took its value from the preset option <paramref name="preset"/>.</summary>
    public void Preset(string name, string preset) => _presetBy[name] = preset;

    /// <summary>
    /// The option and its value as an error names them: <c>--teleport-count 8</c> when typed, <c>the preset
    /// --paper-protocol's --teleport-count 8</c> or <c>the default --teleport-count 8</c> when not.
    /// </summary>
    public string Name<T>(string name, T value)
    {
        var said = string.Create(CultureInfo.InvariantCulture, $"{name} {value}");
        if (_typed.Contains(name)) return said;
        return _presetBy.TryGetValue(name, out var preset) ? $"the preset {preset}'s {said}" : $"the default {said}";
    }
}
