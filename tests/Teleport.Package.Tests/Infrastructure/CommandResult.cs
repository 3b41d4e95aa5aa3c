using System;
using System.Globalization;

namespace Teleport.Package.Tests.Infrastructure;

/// <summary>A finished command: its exit code and everything it printed (stdout and stderr interleaved).</summary>
public sealed record CommandResult(string CommandLine, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Elapsed, string Output)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The command, where it ran, how it ended and its full output: what a failing test prints.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"$ {CommandLine}\n  in {WorkingDirectory}\n  {(TimedOut ? "timed out" : $"exit code {ExitCode}")} after {Elapsed.TotalSeconds:F1} s\n----- output -----\n{Output}\n------------------");
}
