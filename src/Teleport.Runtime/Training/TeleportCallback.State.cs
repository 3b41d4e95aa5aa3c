using System;
using System.Globalization;
using System.IO;

namespace Teleport.Training;

// The checkpointed state: schedule counters and statistics, the sampler's position, the epoch's counters.
public sealed partial class TeleportCallback
{
    private const int StateVersion = 1;

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
            if (version != StateVersion) throw new InvalidDataException($"state version {version}, expected {StateVersion}");
            _schedule.Read(reader);
            var permutations = reader.ReadInt64();
            var position = reader.ReadInt32();
            _epochTeleports = reader.ReadInt32();
            _epochKept = reader.ReadInt32();
            if (stream.Position != stream.Length) throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{stream.Length - stream.Position} trailing bytes"));
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
