using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Teleport.Cli.Tests;

/// <summary>
/// Every option (and argument) of every command, found by walking the command tree, with unparsable, out-of-range
/// and aliasing values: no value may escape as an exception, every exit code is one the tool documents, a value
/// that is not a number where a number is expected is a usage error (2) whose one line names the option, and no
/// run changes a byte of the data it reads. Runs are in-process with Ctrl+C already pressed (CliRun.Interrupted),
/// so a value that passes every check stops before the first training step and the whole search takes seconds.
/// </summary>
public sealed class OptionFuzzTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Values no number option may accept, whatever its range (the oracle below says which are numbers at all).</summary>
    private static readonly string[] NumberValues =
    [
        "abc", "", " ", "1,5", "1,000", "1.5", "-1", "0", "-0", "+3", "1e3", "99999999999", "2147483648", "-2147483649",
        "9223372036854775808", "inf", "-inf", "Infinity", "-Infinity", "NaN", "∞", "1e400", "-1e400", "1e-400", "1e308",
        "0x10", "١", " 1", "1 ", "1_000", "--", "-", "2147483647", "9223372036854775807", ".5", "5.", "1e", "--lr",
    ];

    private static readonly string[] ChoiceValues = ["", " ", "abc", "SGD", " sgd", "sgd ", "none,gradnorm", "\u00e9", "-1"];
    private static readonly string[] TextValues = ["", "abc", "\u00e9\u4e2d", "x\ty", "--out"];
    private static readonly string[] ListValues = ["", "0", "1,,2", "1,", ",1", "abc", "1.5", "99999999999", "-1", "1 2", "2147483647", "1;2"];
    private static readonly string[] FlagValues = ["abc", "", "true", "false", "1", "yes"];

    private readonly TempFolder _dir = new();
    private string Weights => _dir.File("weights.safetensors");
    private string MetaNetwork => _dir.File("meta.safetensors");
    private readonly List<string> _failures = [];
    private readonly Dictionary<int, int> _exitCodes = [];
    private int _runs;

    /// <summary>The commands, each with a base command line that runs in a moment and reads real files where it can.</summary>
    private Dictionary<string, string[]> BaseArgs(string data, string record, string torch) => new()
    {
        ["train"] = ["--dataset", "cifar10", "--data", data, "--model", "cifar-mlp", "--epochs", "1", "--batch-size", "1"],
        ["compare"] = ["--dataset", "cifar10", "--data", data, "--model", "cifar-mlp", "--epochs", "1", "--batch-size", "1"],
        ["bench"] = ["--filter", "no such case", "--warmup", "0", "--repeats", "1", "--torch", torch],
        ["report"] = [record, "--out", _dir.File("report")],
        ["info"] = [],
        ["measure"] = ["--dataset", "synthetic", "--weights", Weights, "--samples", "1", "--trace-probes", "2", "--eigenvalue-tolerance", "0.5"],
        ["correlate"] = ["--dataset", "synthetic", "--limit-train", "200", "--limit-test", "20", "--runs", "3", "--epochs", "0",
            "--hessian-samples", "1", "--sharpness-batches", "1", "--trace-probes", "2", "--bootstrap", "2", "--out", _dir.File("correlate.json")],
        ["meta"] = ["--train-tasks", "1", "--steps", "1", "--test-tasks", "1"],
        ["meta-train"] = ["--variant", "lr", "--train-tasks", "1", "--steps", "1", "--out", _dir.File("trained.safetensors")],
        ["meta-test"] = ["--meta", MetaNetwork, "--test-tasks", "1", "--steps", "1"],
        ["generalize"] = ["--dataset", "synthetic", "--limit-train", "200", "--limit-test", "20", "--seeds", "1", "--epochs", "1", "--teleport-epoch", "0",
            "--teleport-batch", "20", "--sharpness-directions", "1", "--out", _dir.File("generalize.json")],
    };

    [Fact]
    public void NoValueOfAnyOptionCrashesMisreportsOrTouchesTheData()
    {
        var data = TestData.WriteCifar(_dir.File("cifar"), perFile: 2);
        var record = _dir.File("run.json");
        CliRun.Of("train", "--dataset", "synthetic", "--limit-train", "60", "--limit-test", "20", "--epochs", "1", "--out", record, "--save-model", Weights).Succeeded();
        CliRun.Of("meta-train", "--variant", "lr", "--train-tasks", "1", "--steps", "1", "--out", MetaNetwork).Succeeded();
        var torch = _dir.File("torch.json");
        File.WriteAllText(torch, """{ "cases": { "threads_1": { "a_step_784-16-10-10_b20_nobias_leakyrelu_sgd": { "median_s": 0.001 } } } }""");
        Directory.CreateDirectory(_dir.File("empty-folder"));
        File.WriteAllText(_dir.File("blocker"), "a file where a folder would have to be");
        var before = TestData.Snapshot(data) + File.ReadAllText(record) + File.ReadAllText(torch) + Convert.ToBase64String(File.ReadAllBytes(MetaNetwork));

        var root = TeleportCli.CreateRoot(CliHost.Captured(TextWriter.Null, TextWriter.Null));
        var baseArgs = BaseArgs(data, record, torch);
        Assert.Equal(baseArgs.Keys.Order(), root.Subcommands.Select(c => c.Name).Order());
        // Each command's path options get its own inputs (aliasing them must fail) and awkward places to write.
        var inputs = new Dictionary<string, string[]>
        {
            ["train"] = [Path.Combine(data, TestData.CifarFiles[0]), Path.Combine(data, "..", "cifar", TestData.CifarFiles[5]), data],
            ["compare"] = [Path.Combine(data, TestData.CifarFiles[0]), Path.Combine(data, "..", "cifar", TestData.CifarFiles[5]), data],
            ["bench"] = [torch],
            ["report"] = [record],
            ["info"] = [],
            ["measure"] = [Weights],
            ["correlate"] = [],
            ["meta"] = [],
            ["meta-train"] = [],
            ["meta-test"] = [MetaNetwork],
            ["generalize"] = [],
        };
        var options = 0;
        foreach (var command in root.Subcommands)
        {
            var args = baseArgs[command.Name];
            var paths = PathValues(inputs[command.Name]);
            foreach (var option in command.Options)
            {
                if (option.Name is "--help") continue;
                options++;
                foreach (var value in Values(option, paths)) Check(command.Name, args, option, value);
                // Given twice, or without its value.
                if (option.Arity.MaximumNumberOfValues == 1 && option.ValueType != typeof(bool))
                {
                    Expect(command.Name, [.. Without(args, option.Name), option.Name, FirstValid(option), option.Name, FirstValid(option)], option.Name, usage: true);
                    Expect(command.Name, [.. Without(args, option.Name), option.Name], option.Name, usage: true);
                }
            }
            foreach (var argument in command.Arguments)
            {
                options++;
                foreach (var value in paths.Concat(["", " "]))
                    Expect(command.Name, [.. args.Skip(1).Prepend(value)], argument.Name, usage: string.IsNullOrWhiteSpace(value));
            }
        }
        OutputsThatAliasEachOther(baseArgs, record);

        output.WriteLine($"{_runs} command lines over {options} options and arguments of {root.Subcommands.Count} commands; exit codes: "
            + string.Join(", ", _exitCodes.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {_runs} command lines went wrong:\n{string.Join("\n", _failures.Take(60))}");
        Assert.Equal(before, TestData.Snapshot(data) + File.ReadAllText(record) + File.ReadAllText(torch) + Convert.ToBase64String(File.ReadAllBytes(MetaNetwork)));
        Assert.True(_runs > 1500, $"only {_runs} command lines");
    }

    /// <summary>Every pair of output options of a command set to the same path is a usage error.</summary>
    private void OutputsThatAliasEachOther(Dictionary<string, string[]> baseArgs, string record)
    {
        var outputs = new Dictionary<string, string[]>
        {
            ["train"] = ["--out", "--save-model", "--report", "--checkpoint"],
            ["compare"] = ["--out", "--report"],
            ["meta-train"] = ["--out", "--curve", "--report"],
            ["meta-test"] = ["--out", "--report"],
        };
        foreach (var (command, names) in outputs)
        {
            for (var i = 0; i < names.Length; i++)
            {
                for (var j = i + 1; j < names.Length; j++)
                {
                    var shared = _dir.File($"shared-{command}-{i}-{j}");
                    Expect(command, [.. baseArgs[command], names[i], shared, names[j], shared], names[i], usage: true);
                    if (File.Exists(shared) || Directory.Exists(shared)) _failures.Add($"{command} {names[i]} = {names[j]}: {shared} was written");
                }
            }
        }
        // The report command's folder may not hold its own record.
        Expect("report", [record, "--out", Path.GetDirectoryName(record)!], "--out", usage: true);
    }

    private void Check(string command, string[] args, Option option, string value)
    {
        var line = (string[])[.. Without(args, option.Name), option.Name, value];
        if (option.ValueType == typeof(bool))
        {
            Expect(command, line, null, usage: value is not ("true" or "false"));
            return;
        }
        var usage = IsNumber(option) ? !IsNumberText(option, value)
            : IsList(option) ? !Regex.IsMatch(value, "^ *[0-9]+ *(, *[0-9]+ *)*$")
            : Choices(option) is { } choices ? Array.IndexOf(choices, value) < 0
            : IsPath(option) && string.IsNullOrWhiteSpace(value);
        Expect(command, line, usage ? option.Name : null, usage);
    }

    /// <summary>Runs one command line and checks the contract; <paramref name="usage"/>: it must be a usage error naming <paramref name="named"/>.</summary>
    private void Expect(string command, string[] args, string? named, bool usage)
    {
        string[] line = [command, .. args];
        var shown = string.Join(" ", line.Select(a => a.Length == 0 || a.Contains(' ') ? $"'{a}'" : a));
        _runs++;
        CliRun run;
        try
        {
            run = CliRun.Interrupted(line);
        }
        catch (Exception e)
        {
            _failures.Add($"{shown}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return;
        }
        _exitCodes[run.ExitCode] = _exitCodes.GetValueOrDefault(run.ExitCode) + 1;
        var errorLines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (run.ExitCode is not (0 or 1 or 2 or 3 or 130))
            _failures.Add($"{shown}: exit code {run.ExitCode}");
        else if (usage && run.ExitCode != 2)
            _failures.Add($"{shown}: exit code {run.ExitCode}, expected the usage error 2; stderr: {run.Error.Trim()}");
        else if (run.ExitCode is 1 or 2 && (errorLines.Length != 1 || !errorLines[0].StartsWith("teleport: ", StringComparison.Ordinal)))
            _failures.Add($"{shown}: exit code {run.ExitCode} without exactly one error line: {run.Error.Trim()}");
        else if (usage && named is not null && !errorLines[0].Contains(named, StringComparison.Ordinal))
            _failures.Add($"{shown}: the error does not name {named}: {errorLines[0]}");
        else if (run.Error.Contains("   at ", StringComparison.Ordinal) || run.Error.Contains("Exception", StringComparison.Ordinal))
            _failures.Add($"{shown}: a stack trace or exception name on stderr: {run.Error.Trim()}");
    }

    private IEnumerable<string> Values(Option option, string[] paths)
    {
        if (option.ValueType == typeof(bool)) return FlagValues;
        if (IsNumber(option)) return NumberValues;
        if (IsList(option)) return ListValues.Concat(NumberValues);
        if (Choices(option) is not null) return ChoiceValues;
        if (IsPath(option)) return paths.Concat(["", " "]);
        return TextValues;
    }

    /// <summary>A command's own inputs, and paths that are hard to write to — all inside the test's folder.</summary>
    private string[] PathValues(string[] inputs) =>
    [
        .. inputs, _dir.File("empty-folder"), Path.Combine(_dir.File("blocker"), "x"), _dir.File("blocker"),
        _dir.File(new string('n', 300)), _dir.File("new/deeper/name"),
    ];

    private static bool IsNumber(Option option) =>
        Nullable.GetUnderlyingType(option.ValueType) is { } inner ? IsNumberType(inner) : IsNumberType(option.ValueType);

    private static bool IsNumberType(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(double);

    private static bool IsList(Option option) => option.ValueType == typeof(int[]);

    private static bool IsPath(Option option) => option.HelpName is "FILE" or "DIR";

    private static string[]? Choices(Option option) => option.HelpName is { } name && name.Contains('|') ? name.Split('|') : null;

    /// <summary>
    /// The oracle, independent of the tool's parser: the text is a number of the option's type in the invariant
    /// culture's plain syntax (digits, sign, point, exponent; whole numbers in the type's range; finite reals).
    /// </summary>
    private static bool IsNumberText(Option option, string text)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type == typeof(double))
            return Regex.IsMatch(text, @"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
                && double.IsFinite(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        if (!Regex.IsMatch(text, "^[+-]?[0-9]+$")) return false;
        var value = BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return type == typeof(int) ? value >= int.MinValue && value <= int.MaxValue : value >= long.MinValue && value <= long.MaxValue;
    }

    private static string FirstValid(Option option) =>
        option.ValueType == typeof(string) && Choices(option) is { } choices ? choices[0]
        : IsPath(option) || option.ValueType == typeof(string) ? "x"
        : "1";

    /// <summary><paramref name="args"/> without <paramref name="name"/> and its value (so the fuzzed value is the only one).</summary>
    private static string[] Without(string[] args, string name)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name)
            {
                i++;
                continue;
            }
            result.Add(args[i]);
        }
        return [.. result];
    }

    public void Dispose()
    {
        Teleport.Kernels.MatrixMultiply.MaxThreads = 1;
        _dir.Dispose();
    }
}
