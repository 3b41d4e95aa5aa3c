using System.CommandLine;
using Teleport.Cli.Commands;

namespace Teleport.Cli;

/// <summary>
/// The <c>teleport</c> command line: <c>train</c>, <c>compare</c>, <c>info</c>, <c>bench</c>, <c>report</c>, <c>measure</c>, <c>correlate</c>, <c>meta</c>. <see cref="Run"/> is the
/// whole tool — the process's <c>Main</c> calls it with the console, tests with captured writers.
/// </summary>
public static class TeleportCli
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, CliHost host)
    {
        Options.ResponseFiles.BeginCommandLine();
        var result = CreateRoot(host).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = Options.ResponseFiles.TryReplace });
        if (result.Errors.Count > 0 && result.Action is not { ClearsParseErrors: true })
        {
            // One line: the first problem (the option's own parser names the option and the value), then where help is.
            var command = result.CommandResult.Command is RootCommand ? "teleport" : "teleport " + result.CommandResult.Command.Name;
            host.Error.WriteLine($"teleport: {Output.TerminalText.OneLine(FirstProblem(result))} (see '{command} --help')");
            return ExitCodes.UsageError;
        }
        return result.Invoke(new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The command tree: every command and its options (the option fuzz test walks it).</summary>
    internal static RootCommand CreateRoot(CliHost host) =>
        new("teleport: train neural networks faster with symmetry teleportation (Zhao et al., ICLR 2024).")
        {
            TrainCommand.Create(host),
            CompareCommand.Create(host),
            InfoCommand.Create(host),
            BenchCommand.Create(host),
            ReportCommand.Create(host),
            MeasureCommand.Create(host),
            CorrelateCommand.Create(host),
            GeneralizeCommand.Create(host),
            MetaCommand.Create(host),
            MetaTrainCommand.Create(host),
            MetaTestCommand.Create(host),
        };

    /// <summary>
    /// The problem to report: an unknown word (with a "did you mean" when a known one is close) or a response file that
    /// cannot be read before "a command is required"
    /// (for <c>teleport frobnicate</c> the parser lists the missing command first, which hides the typo, and
    /// <c>teleport @missing.rsp</c> said only that no command was given), and for no command at all, the commands there are.
    /// </summary>
    private static string FirstProblem(ParseResult result)
    {
        foreach (var error in result.Errors)
        {
            if (error.Message.StartsWith("Unrecognized command or argument", System.StringComparison.Ordinal))
                return OneLine(error.Message) + Hint(result, error.Message);
            if (error.Message.StartsWith(Options.ResponseFiles.ErrorStart, System.StringComparison.Ordinal)) return OneLine(error.Message);
        }
        // "Required argument missing for command: 'report'" did not say which argument, nor what it is.
        if (result.CommandResult.Command is { Arguments.Count: > 0 } command && !(result.CommandResult.Command is RootCommand)
            && result.Errors[0].Message.StartsWith("Required argument missing for command", System.StringComparison.Ordinal))
            foreach (var argument in command.Arguments)
                if (result.GetResult(argument) is not { Tokens.Count: > 0 })
                    return $"{command.Name} needs its <{argument.Name}> argument: {argument.Description?.TrimEnd('.')}";
        if (result.CommandResult.Command is RootCommand root && result.Tokens.Count == 0)
            return "no command given: " + string.Join(", ", System.Linq.Enumerable.Select(root.Subcommands, c => c.Name));
        return OneLine(result.Errors[0].Message);
    }

    /// <summary>
    /// "; did you mean 'train'?" for the unknown word the parser names in <paramref name="message"/> (a command, or an option
    /// of the command it was typed after), when a known one is close (<see cref="Options.Suggestions"/>); else "".
    /// </summary>
    private static string Hint(ParseResult result, string message)
    {
        foreach (var token in result.UnmatchedTokens)
        {
            if (!message.Contains($"'{token}'", System.StringComparison.Ordinal)) continue;
            // After "--" every word is an argument: `info -- --model x` was told "did you mean '--model'?", its own name.
            if (AfterDoubleDash(result, token) && Options.Suggestions.IsName(token, result.CommandResult.Command))
                return "; it comes after '--', which ends the options: every word after it is an argument, so put it before '--'";
            return Options.Suggestions.For(token, result.CommandResult.Command);
        }
        return "";
    }

    /// <summary>Whether <paramref name="token"/> was typed after a "--" on the command line.</summary>
    private static bool AfterDoubleDash(ParseResult result, string token)
    {
        var seen = false;
        foreach (var t in result.Tokens)
        {
            if (t.Type == System.CommandLine.Parsing.TokenType.DoubleDash) seen = true;
            else if (seen && t.Value == token) return true;
        }
        return false;
    }

    private static string OneLine(string message) => Output.TerminalText.OneLine(message).TrimEnd('.');
}
