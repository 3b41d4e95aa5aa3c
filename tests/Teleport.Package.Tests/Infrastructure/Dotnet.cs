using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace Teleport.Package.Tests.Infrastructure;

/// <summary>
/// Runs the .NET CLI the tests themselves run on, in a clean environment: the MSBuild variables a test
/// host inherits from <c>dotnet test</c> are removed (they would point a child build at the parent's
/// MSBuild), node reuse is off so no build node outlives the test, and output is captured for messages.
/// </summary>
internal static class Dotnet
{
    /// <summary>The dotnet executable (the one running <c>dotnet test</c> when there is one).</summary>
    public static string Executable { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Prepare(start.Environment, environment);

        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
        }

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExit(timeout);
        if (!exited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        clock.Stop();

        var commandLine = Executable + " " + string.Join(" ", arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        lock (output)
            return new CommandResult(commandLine, workingDirectory, exited ? process.ExitCode : -1, !exited, clock.Elapsed, output.ToString());
    }

    private static void Prepare(IDictionary<string, string?> env, IReadOnlyDictionary<string, string>? overrides)
    {
        foreach (var key in env.Keys.ToList())
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                env.Remove(key);
        env["MSBUILDDISABLENODEREUSE"] = "1";
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        env["DOTNET_NOLOGO"] = "1";
        env["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        env["DOTNET_CLI_UI_LANGUAGE"] = "en";
        if (overrides is null) return;
        foreach (var (key, value) in overrides) env[key] = value;
    }
}
