using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Teleport.Cli.Tests;

/// <summary>
/// src/Teleport.Cli/README.md describes the tool as it is: every command and every option, found by walking the
/// command tree as the option fuzz does, is documented where a reader of that command looks, and every option named
/// there and on the other pages that show command lines is one the tool accepts. An option added, renamed or removed
/// without its documentation fails here (measure's --dataset, and correlate's and generalize's --model, --dataset,
/// --data and --split-seed, were accepted for many sessions without a word in the CLI README).
/// </summary>
public sealed class CliReadmeTests
{
    /// <summary>
    /// Options the pages name that belong to other tools (dotnet and its test runner; cnn_microbench.py's --check,
    /// head-to-head.py's --json) or are the typos the CLI README shows being answered.
    /// </summary>
    private static readonly string[] NotOurs = ["--project", "--add-source", "--global", "--logger", "--check", "--json", "--lrr", "--learning-rate"];

    private static readonly Lazy<string> Readme = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Teleport.Cli", "README.md")));

    private static RootCommand Root() => TeleportCli.CreateRoot(CliHost.Captured(TextWriter.Null, TextWriter.Null));

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in Root().Subcommands) data.Add(command.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommandHasARowInTheCommandTable(string name)
    {
        var rows = Regex.Matches(Readme.Value, @"(?m)^\| `([a-z-]+)[^|`]*`(?:, `([a-z-]+)`)? \|")
            .SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value });
        Assert.Contains(name, rows);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryVisibleOptionIsDocumentedWithItsCommand(string name)
    {
        var command = Root().Subcommands.Single(c => c.Name == name);
        var text = TextAbout(name);
        var missing = command.Options.Where(o => !o.Hidden && o.Name != "--help" && !Names(text).Contains(o.Name)).Select(o => o.Name).ToList();
        Assert.True(missing.Count == 0,
            $"src/Teleport.Cli/README.md does not mention {string.Join(", ", missing)} where it describes '{name}' (its command-table row and its section).");
    }

    [Fact]
    public void EveryHiddenOptionIsDocumented()
    {
        var hidden = Root().Subcommands.SelectMany(c => c.Options).Where(o => o.Hidden).Select(o => o.Name).Distinct().ToList();
        Assert.NotEmpty(hidden);
        var paragraph = Regex.Match(Readme.Value, @"(?ms)^Hidden, for tests and quick looks:.*?(?:\n\n|\z)").Value;
        Assert.All(hidden, option => Assert.Contains(option, Names(paragraph)));
    }

    /// <summary>The pages that show `teleport` command lines.</summary>
    public static TheoryData<string> Pages() => new() { "src/Teleport.Cli/README.md", "README.md", "docs/EXPERIMENTS.md", "docs/META.md", "docs/GENERALIZATION.md" };

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryOptionAPageNamesIsAccepted(string page)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), page));
        var root = Root();
        // --help and --version are the root's, recursive to every command.
        var accepted = root.Subcommands.SelectMany(c => c.Options).Concat(root.Options).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        // "--teleport-*" and "--level-set-*" stand for the options that start so.
        var prefixes = Regex.Matches(text, @"(?<![\w-])(--[a-z][a-z0-9-]*-)\*").Select(m => m.Groups[1].Value).ToList();
        Assert.All(prefixes, prefix => Assert.Contains(accepted, a => a.StartsWith(prefix, StringComparison.Ordinal)));
        var unknown = Names(text).Where(n => !accepted.Contains(n) && !NotOurs.Contains(n)).ToList();
        Assert.True(unknown.Count == 0, $"{page} names options no command accepts: {string.Join(", ", unknown)}");
    }

    /// <summary>
    /// What the README says about <paramref name="command"/>: its row in the command table and every section whose
    /// heading names it; for <c>train</c> and <c>compare</c> also their shared options table and the <c>--paper</c>
    /// preset, for <c>train</c> the Resume section.
    /// </summary>
    private static string TextAbout(string command)
    {
        var text = Readme.Value;
        var about = new List<string>(Regex.Matches(text, $@"(?m)^\| `{Regex.Escape(command)}[` ].*$").Select(m => m.Value));
        var parts = Regex.Split(text, @"(?m)^(#{2,3} .*)$");
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            var heading = parts[i];
            var shared = command is "train" or "compare" && (heading.Contains("(`train` and `compare`)", StringComparison.Ordinal) || heading == "### `--paper`");
            if (heading.Contains($"`{command}`", StringComparison.Ordinal) || shared || (command == "train" && heading == "## Resume"))
                about.Add(heading + parts[i + 1]);
        }
        Assert.True(about.Count > 0, $"src/Teleport.Cli/README.md has no row or section about '{command}'.");
        return string.Join("\n", about);
    }

    /// <summary>The option names (<c>--word</c>) in <paramref name="text"/>.</summary>
    private static HashSet<string> Names(string text) =>
        Regex.Matches(text, @"(?<![\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![\w*-])").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Teleport.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Teleport.sln above {AppContext.BaseDirectory}.");
    }
}
