using System;
using System.Globalization;
using System.IO;

namespace Teleport.Training;

// The checkpointed state: schedule counters and statistics, the sampler's position, the epoch's counters, and the
// teleporter's count of teleports (the stream of a sharpness or trace objective's random draws).
public sealed partial class TeleportCallback
{
    /// <summary>
    /// 2 added the teleporter's count of teleports: without it a resumed run's sharpness or trace objective drew the first
    /// teleport's directions again, and ended elsewhere than the uninterrupted run. A version-1 state (from a run whose
    /// objective, ‖∇L‖², draws nothing: the only one the CLI offers) still loads, with the count at 0.
    /// </summary>
    private const int StateVersion = 2;

    /// <inheritdoc />
    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(StateVersion);
            _schedule.Write(writer);
            var (permutations, position) = _sampler?.State ?? _pendingSampler ?? (0, 0);
            writer.Write(permutations);
            writer.Write(position);
            writer.Write(_epochTeleports);
            writer.Write(_epochKept);
            writer.Write(_teleporter.TeleportsTaken);
        }
        return stream.ToArray();
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The bytes are not a state this callback saved.</exception>
    public void LoadState(ReadOnlySpan<byte> state)
    {
        using var stream = new MemoryStream(state.ToArray(), writable: false);
        using var reader = new BinaryReader(stream);
        try
        {
            var version = reader.ReadInt32();
            if (version is not (1 or StateVersion)) throw new InvalidDataException($"state version {version}, expected 1 or {StateVersion}");
            _schedule.Read(reader);
            var permutations = reader.ReadInt64();
            var position = reader.ReadInt32();
            _epochTeleports = reader.ReadInt32();
            _epochKept = reader.ReadInt32();
            var teleportsTaken = version >= 2 ? reader.ReadInt64() : 0;
            if (teleportsTaken < 0) throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"a negative count of teleports ({teleportsTaken})"));
            if (stream.Position != stream.Length) throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{stream.Length - stream.Position} trailing bytes"));
            _teleporter.TeleportsTaken = teleportsTaken;
            // The sampler needs the training set, which OnTrainingStart provides.
            if (_sampler is null) _pendingSampler = (permutations, position);
            else _sampler.Restore(permutations, position);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"truncated: {state.Length} bytes"), e);
        }
    }
}
