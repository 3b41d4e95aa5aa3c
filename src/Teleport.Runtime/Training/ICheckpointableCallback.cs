using System;

namespace Teleport.Training;

/// <summary>
/// A callback whose state is saved with every checkpoint and restored on resume, so that a resumed run
/// continues exactly as an uninterrupted one would (a teleport counter, a schedule's position, a
/// private random generator, learned meta-parameters).
/// </summary>
public interface ICheckpointableCallback : ITrainingCallback
{
    /// <summary>A name unique among the trainer's callbacks, stable across runs (it keys the saved state).</summary>
    string StateKey { get; }

    /// <summary>The state as bytes in any format the callback chooses; called when a checkpoint is written.</summary>
    byte[] SaveState();

    /// <summary>Restores a state from <see cref="SaveState"/>; called by <see cref="Trainer.Resume"/>.</summary>
    /// <exception cref="System.IO.InvalidDataException">The bytes are not a state this callback saved; the message says what is
    /// wrong in a few words (<see cref="Trainer.Resume"/> reports it as an error of the checkpoint's <c>trainer.json</c>).</exception>
    void LoadState(ReadOnlySpan<byte> state);
}
