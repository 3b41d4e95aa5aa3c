using System;
using System.Collections.Generic;
using System.IO;

namespace Teleport.Training;

/// <summary>
/// The checkpoint directories that trainers of this process are writing into now: a <see cref="Trainer.Run"/> or
/// <see cref="Trainer.SaveCheckpoint"/> holds its <see cref="TrainerOptions.CheckpointDirectory"/> while it lasts, and a
/// second trainer given the same directory meanwhile is refused before it trains.
/// </summary>
/// <remarks>
/// Two trainers of one process checkpointing into one folder (two runs started side by side with the same options)
/// each deleted the other's temporary folder while it was being written (<see cref="Checkpoints.Commit"/> clears stale
/// ones), took the same sequence number, pruned the other's checkpoints and pointed <c>latest</c> at whichever wrote
/// last — one run failing after an epoch with an I/O error, the other leaving a folder that resumes someone else's
/// run. Across processes the file lock of <see cref="Checkpoints.Claim"/> does this (the CLI takes it); it cannot here,
/// since a process that holds it — the CLI — runs its own trainer in it.
/// </remarks>
internal static class CheckpointFolderClaims
{
    private static readonly HashSet<string> s_held = new(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    /// <summary>Holds <paramref name="directory"/> until the returned claim is disposed.</summary>
    /// <exception cref="InvalidOperationException">Another trainer of this process holds it.</exception>
    internal static IDisposable Take(string directory)
    {
        var key = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        lock (s_held)
        {
            if (!s_held.Add(key))
                throw new InvalidOperationException($"The checkpoint directory {key} is in use by another trainer of this process, whose run writes its checkpoints there now; wait for it to end or give this trainer another TrainerOptions.CheckpointDirectory.");
        }
        return new Claim(key);
    }

    private sealed class Claim(string key) : IDisposable
    {
        private bool _released;

        public void Dispose()
        {
            if (_released) return;
            _released = true;
            lock (s_held) s_held.Remove(key);
        }
    }
}
