using System;
using Teleport.Teleportation;

namespace Teleport.Cli.Models;

/// <summary>A network the command line can train: its name, derived description, and how to make and initialise one.</summary>
/// <param name="Name">The <c>--model</c> name.</param>
/// <param name="Summary">One line for help texts.</param>
/// <param name="Info">The generated network's description (sizes, loss, layers, symmetries).</param>
/// <param name="Create">A new instance (parameters zero).</param>
/// <param name="Initialize">Initialises the parameters for a seed.</param>
/// <param name="InitializationName">How <paramref name="Initialize"/> draws the parameters (for run records).</param>
internal sealed record ModelEntry(
    string Name,
    string Summary,
    NetworkInfo Info,
    Func<ITeleportable<float>> Create,
    Action<ITeleportable<float>, int> Initialize,
    string InitializationName);
