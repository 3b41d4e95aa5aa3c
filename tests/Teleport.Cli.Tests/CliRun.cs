using System;
using System.IO;
using System.Text.Json;

namespace Teleport.Cli.Tests;

/// <summary>One in-process run of the tool: exit code, standard output and standard error.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>A folder that never exists: Fashion-MNIST is "not installed" there.</summary>
    public static readonly string NoFashionMnist = Path.Combine(Path.GetTempPath(), "teleport-tests-no-fashion-mnist-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs <c>teleport</c> with <paramref name="args"/> (no terminal; Fashion-MNIST looked for in <paramref name="fashionMnist"/>).</summary>
    public static CliRun WithFashionMnistAt(string fashionMnist, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TeleportCli.Run(args, CliHost.Captured(output, error, fashionMnist));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs <c>teleport</c> with Ctrl+C already pressed: every check before training runs, and training stops before
    /// its first step (exit code 130) — the way to try thousands of command lines in seconds.
    /// </summary>
    public static CliRun Interrupted(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancel = new System.Threading.CancellationTokenSource();
        cancel.Cancel();
        var code = TeleportCli.Run(args, new CliHost(output, error, false, NoFashionMnist, cancel.Token));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>teleport</c> where Fashion-MNIST is not installed.</summary>
    public static CliRun Of(params string[] args) => WithFashionMnistAt(NoFashionMnist, args);

    /// <summary>Asserts success (showing the output when not).</summary>
    public CliRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}");
        return this;
    }

    /// <summary>The JSON file <paramref name="path"/>.</summary>
    public static JsonElement Json(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }
}

/// <summary>A fresh folder under the temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "teleport-cli-tests-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
