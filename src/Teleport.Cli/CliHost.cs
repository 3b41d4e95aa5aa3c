using System;
using System.IO;
using System.Threading;
using Teleport.Cli.Models;
using Teleport.Data;
using Teleport.Teleportation;

namespace Teleport.Cli;

/// <summary>
/// Where the tool writes and what it assumes about its surroundings; tests pass their own to run the tool
/// in-process (captured writers, no terminal, another default data folder).
/// </summary>
/// <param name="Out">Standard output: per-epoch lines, tables, results.</param>
/// <param name="Error">Standard error: notices and error messages.</param>
/// <param name="IsTerminal">Whether <paramref name="Out"/> is an interactive terminal (progress bars and styled tables).</param>
/// <param name="FashionMnistDirectory">Where Fashion-MNIST is looked for without <c>--data</c>.</param>
/// <param name="Cancellation">Stops every command (Ctrl+C, SIGTERM): training between steps or inside a teleport (undone, so the checkpoint is of the state before it), with a checkpoint when configured; the geometry commands between probes, iterations, teleport steps and bootstrap resamples.</param>
public sealed record CliHost(TextWriter Out, TextWriter Error, bool IsTerminal, string FashionMnistDirectory, CancellationToken Cancellation)
{
    /// <summary>
    /// Makes the model of each training run (<c>train</c>, each arm of <c>compare</c>) from its <c>--model</c> entry; null
    /// in the tool, which calls <see cref="ModelEntry.Create"/>. Tests give a subclass of the entry's network that
    /// cancels <see cref="Cancellation"/> at a point it recognises (a teleport's first group action, its look-ahead's first
    /// step): a stop request lands inside a teleport without depending on timing.
    /// </summary>
    internal Func<ModelEntry, ITeleportable<float>>? CreateModel { get; init; }

    /// <summary>The process's console; progress bars only when standard output is a terminal.</summary>
    public static CliHost FromConsole(CancellationToken cancellation) =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected, FashionMnist.DefaultDirectory, cancellation);

    /// <summary>A host writing into <paramref name="output"/> and <paramref name="error"/>, as a non-terminal.</summary>
    public static CliHost Captured(TextWriter output, TextWriter error, string? fashionMnistDirectory = null) =>
        new(output, error, false, fashionMnistDirectory ?? FashionMnist.DefaultDirectory, CancellationToken.None);
}
