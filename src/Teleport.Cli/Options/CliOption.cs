using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Teleport.Cli.Options;

/// <summary>
/// The one way the tool declares an option or argument: every value goes through a parser of
/// <see cref="ValueSyntax"/> (invariant culture, one strict syntax, the range checked while parsing), and a
/// value that does not fit becomes a parse error naming the option — "--lr: "abc" is not a number; expected a
/// number &gt; 0" — which <see cref="TeleportCli"/> prints as one line with exit code 2. No validator ever reads a
/// value that failed to parse, and no value out of its range reaches a command.
/// </summary>
/// <remarks>
/// A new command declares its options with these factories (see src/Teleport.Cli/README.md, "Options"); the
/// option fuzz test (tests/Teleport.Cli.Tests/OptionFuzzTests.cs) walks every option of every command and
/// checks the contract. Checks that involve several options or the data belong to the command's binder
/// (<see cref="SettingsBinder"/>) and its path plan (<see cref="PathPlan"/>), which throw <see cref="UsageException"/>.
/// </remarks>
internal static class CliOption
{
    /// <summary>The help name of options that name a file.</summary>
    public const string FileHelpName = "FILE";

    /// <summary>The help name of options that name a folder.</summary>
    public const string FolderHelpName = "DIR";

    /// <summary>A whole number in <paramref name="range"/>, <paramref name="defaultValue"/> when not given.</summary>
    public static Option<T> Integer<T>(string name, string description, T defaultValue, ValueRange<T> range, string? helpName = null)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        Create(name, Describe(description, range.Describe()), helpName, () => defaultValue,
            (string text, out T value, out string problem) => ValueSyntax.TryParseInteger(text, range, out value, out problem));

    /// <summary>A whole number in <paramref name="range"/>, or null when not given.</summary>
    public static Option<T?> OptionalInteger<T>(string name, string description, ValueRange<T> range, string? helpName = null)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        Create<T?>(name, Describe(description, range.Describe()), helpName, null,
            (string text, out T? value, out string problem) =>
            {
                var ok = ValueSyntax.TryParseInteger(text, range, out T parsed, out problem);
                value = ok ? parsed : null;
                return ok;
            });

    /// <summary>A finite real number in <paramref name="range"/>, <paramref name="defaultValue"/> when not given.</summary>
    public static Option<double> Number(string name, string description, double defaultValue, ValueRange<double> range, string? helpName = null) =>
        Create(name, Describe(description, range.Describe()), helpName, () => defaultValue,
            (string text, out double value, out string problem) => ValueSyntax.TryParseReal(text, range, out value, out problem));

    /// <summary>A finite real number in <paramref name="range"/>, or null when not given.</summary>
    public static Option<double?> OptionalNumber(string name, string description, ValueRange<double> range, string? helpName = null) =>
        Create<double?>(name, Describe(description, range.Describe()), helpName, null,
            (string text, out double? value, out string problem) =>
            {
                var ok = ValueSyntax.TryParseReal(text, range, out var parsed, out problem);
                value = ok ? parsed : null;
                return ok;
            });

    /// <summary>
    /// A learning rate: a number &gt; 0 that is at least single precision's smallest normal number, 2⁻¹²⁶ — the models
    /// train in single precision, where a smaller rate is 0 or keeps only some of its bits (<c>--lr 1e-320</c> trained a
    /// whole run at 0 without a word). <paramref name="defaultValue"/> when not given.
    /// </summary>
    public static Option<double> LearningRate(string name, string description, double defaultValue) =>
        Create(name, Describe(description, LearningRateRange), null, () => defaultValue, TryParseLearningRate);

    /// <summary>A learning rate as <see cref="LearningRate"/>, or null when not given.</summary>
    public static Option<double?> OptionalLearningRate(string name, string description) =>
        Create<double?>(name, Describe(description, LearningRateRange), null, null,
            (string text, out double? value, out string problem) =>
            {
                var ok = TryParseLearningRate(text, out var parsed, out problem);
                value = ok ? parsed : null;
                return ok;
            });

    private const string LearningRateRange = "≥ 2^-126 ≈ 1.18e-38, single precision's smallest normal number";

    /// <summary>2⁻¹²⁶, the smallest normal single-precision number.</summary>
    private const float SmallestNormalSingle = 1.17549435E-38f;

    private static bool TryParseLearningRate(string text, out double value, out string problem)
    {
        if (!ValueSyntax.TryParseReal(text, ValueRange<double>.Positive, out value, out problem)) return false;
        if (value >= SmallestNormalSingle) return true;
        problem = string.Create(CultureInfo.InvariantCulture,
            $"{text} is below 2^-126 ≈ {SmallestNormalSingle:R}, the smallest normal number in single precision, the precision the models train in (there it is {(float)value:R}); choose at least that");
        return false;
    }

    /// <summary>One of <paramref name="choices"/> (the first is listed first in help), <paramref name="defaultValue"/> when not given.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] choices)
    {
        if (Array.IndexOf(choices, defaultValue) < 0) throw new ArgumentException($"{name}: the default {defaultValue} is not a choice.", nameof(defaultValue));
        var option = Create(name, description, string.Join("|", choices), () => defaultValue,
            (string text, out string value, out string problem) =>
            {
                value = text;
                return ValueSyntax.TryParseChoice(text, choices, out problem);
            });
        option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary>A path to a file (read or written, as the description says), or null when not given.</summary>
    public static Option<string?> File(string name, string description) => PathOption(name, description, FileHelpName, ValueSyntax.TryParseFilePath);

    /// <summary>A path to a folder, or null when not given.</summary>
    public static Option<string?> Folder(string name, string description) => PathOption(name, description, FolderHelpName, ValueSyntax.TryParsePath);

    /// <summary>A path to a file that must be given.</summary>
    public static Option<string?> RequiredFile(string name, string description)
    {
        var option = File(name, description);
        option.Required = true;
        return option;
    }

    /// <summary>Paths to files, given as several values; an empty list is an error.</summary>
    public static Option<string[]> FileList(string name, string description)
    {
        var option = new Option<string[]>(name) { Description = description, HelpName = FileHelpName, AllowMultipleArgumentsPerToken = true };
        option.CustomParser = result =>
        {
            var values = new List<string>();
            foreach (var token in result.Tokens)
            {
                if (!ValueSyntax.TryParseFilePath(token.Value, out var problem))
                {
                    result.AddError($"{name}: {problem}");
                    return [];
                }
                values.Add(token.Value);
            }
            if (values.Count == 0) result.AddError($"{name}: expected at least one file");
            return [.. values];
        };
        return option;
    }

    /// <summary>
    /// Text in a command's own syntax (e.g. "K/N"), accepted when <paramref name="problemOf"/> finds no problem
    /// with it (returns null); null when the option is not given.
    /// </summary>
    public static Option<string?> Text(string name, string description, string helpName, Func<string, string?> problemOf) =>
        Create<string?>(name, description, helpName, null,
            (string text, out string? value, out string problem) =>
            {
                value = text;
                problem = problemOf(text) ?? "";
                return problem.Length == 0;
            });

    /// <summary>A path to a folder that must be given.</summary>
    public static Option<string> RequiredFolder(string name, string description)
    {
        var option = Create(name, description, FolderHelpName, null,
            (string text, out string value, out string problem) =>
            {
                value = text;
                return ValueSyntax.TryParsePath(text, out problem);
            });
        option.Required = true;
        return option;
    }

    /// <summary>An on/off switch (no value, or true/false).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>
    /// Whole numbers in <paramref name="range"/>, given as several values or one comma-separated value ("1 3", "1,3");
    /// an empty list is an error.
    /// </summary>
    public static Option<int[]> IntegerList(string name, string description, ValueRange<int> range, string? helpName = null)
    {
        var option = new Option<int[]>(name)
        {
            Description = Describe(description, range.Describe()),
            HelpName = helpName,
            AllowMultipleArgumentsPerToken = true,
        };
        option.CustomParser = result =>
        {
            var values = new List<int>();
            foreach (var token in result.Tokens)
            {
                foreach (var part in token.Value.Split(',', StringSplitOptions.TrimEntries))
                {
                    if (!ValueSyntax.TryParseInteger(part, range, out int value, out var problem))
                    {
                        // "1,,3" said only "an empty value is not a number", a value the user did not type: the list is quoted.
                        var list = token.Value.Contains(',', StringComparison.Ordinal);
                        result.AddError(list && part.Length == 0
                            ? $"{name}: \"{token.Value}\" has an empty item (two commas together, or a comma at an end); separate the numbers by one comma: 1,3"
                            : list ? $"{name}: in \"{token.Value}\", {problem}" : $"{name}: {problem}");
                        return [];
                    }
                    values.Add(value);
                }
            }
            if (values.Count == 0) result.AddError($"{name}: expected at least one whole number{(range.Describe() is { Length: > 0 } r ? " " + r : "")}");
            return [.. values];
        };
        return option;
    }

    /// <summary>A path argument (the files a command reads), named in messages by <paramref name="name"/>.</summary>
    public static Argument<string> FileArgument(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (!ValueSyntax.TryParseFilePath(text, out var problem)) result.AddError($"{name}: {problem}");
            return text;
        },
    };

    /// <summary>Whether <paramref name="option"/> was given on the command line (not only its default).</summary>
    public static bool IsGiven(this ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>Hides an option from help (options for tests and quick looks).</summary>
    public static Option<T> Hide<T>(this Option<T> option)
    {
        option.Hidden = true;
        return option;
    }

    private static Option<string?> PathOption(string name, string description, string helpName, PathCheck check) =>
        Create<string?>(name, description, helpName, null,
            (string text, out string? value, out string problem) =>
            {
                value = text;
                return check(text, out problem);
            });

    private delegate bool PathCheck(string text, out string problem);

    private delegate bool TryParse<T>(string text, out T value, out string problem);

    /// <summary>
    /// An option of one value parsed by <paramref name="parse"/>; a problem becomes the parse error "name: problem".
    /// <paramref name="defaultValue"/> (null: no default) is used only when the option is not given.
    /// </summary>
    private static Option<T> Create<T>(string name, string description, string? helpName, Func<T>? defaultValue, TryParse<T> parse)
    {
        var option = new Option<T>(name) { Description = description, HelpName = helpName };
        if (defaultValue is not null) option.DefaultValueFactory = _ => defaultValue();
        option.CustomParser = result =>
        {
            // Arity (exactly one value) is checked by System.CommandLine before this runs.
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (parse(text, out var value, out var problem)) return value;
            result.AddError($"{name}: {problem}");
            return default!;
        };
        return option;
    }

    private static string Describe(string description, string range) =>
        range.Length == 0 || description.Contains(range, StringComparison.Ordinal) ? description : $"{description} ({range})";
}
