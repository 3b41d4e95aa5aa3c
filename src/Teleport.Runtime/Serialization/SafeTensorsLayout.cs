using System.Collections.Generic;
using System.Globalization;
using Teleport.Data;

namespace Teleport.Serialization;

/// <summary>
/// Checks the byte ranges of a safetensors header against the data section: each range has exactly
/// shape product × dtype size bytes and lies inside the section, and together the ranges tile the
/// section with no overlap and no hole.
/// </summary>
internal static class SafeTensorsLayout
{
    /// <summary>Throws <see cref="TeleportDataException"/> for the first problem found.</summary>
    /// <param name="entries">The parsed header entries.</param>
    /// <param name="dataLength">Bytes in the data section.</param>
    /// <param name="dataStart">The file offset of the data section (8 + header size).</param>
    /// <param name="path">The file, for messages.</param>
    public static void Validate(List<SafeTensorsHeaderEntry> entries, long dataLength, long dataStart, string path)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var e in entries)
        {
            var range = string.Create(c, $"data_offsets [{e.Begin}, {e.End}]");
            if (e.End < e.Begin)
                throw new TeleportDataException(path, string.Create(c, $"tensor \"{e.Name}\": {range} end before they begin (entry at byte {e.KeyOffset})"), e.KeyOffset);
            if (e.End > dataLength)
                throw new TeleportDataException(path, string.Create(c,
                    $"tensor \"{e.Name}\": {range} out of range: the data section has {dataLength} bytes (entry at byte {e.KeyOffset})"), e.KeyOffset);
            long elements = 1;
            foreach (var d in e.Shape)
            {
                elements *= d;
                if (elements > int.MaxValue)
                    throw new TeleportDataException(path, string.Create(c, $"tensor \"{e.Name}\": shape [{string.Join(", ", e.Shape)}] has too many elements (entry at byte {e.KeyOffset})"), e.KeyOffset);
            }
            var size = SafeTensorDTypes.SizeOf(e.DType);
            if (elements * size != e.End - e.Begin)
                throw new TeleportDataException(path, string.Create(c,
                    $"tensor \"{e.Name}\": shape [{string.Join(", ", e.Shape)}] × {SafeTensorDTypes.Name(e.DType)} ({size} bytes) needs {elements * size} bytes but {range} span {e.End - e.Begin} (entry at byte {e.KeyOffset})"), e.KeyOffset);
        }

        var sorted = new List<SafeTensorsHeaderEntry>(entries);
        sorted.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long position = 0;
        SafeTensorsHeaderEntry? previous = null;
        foreach (var e in sorted)
        {
            if (e.Begin < position)
            {
                var at = dataStart + e.Begin;
                throw new TeleportDataException(path, string.Create(c,
                    $"tensors \"{previous!.Name}\" [{previous.Begin}, {previous.End}] and \"{e.Name}\" [{e.Begin}, {e.End}] overlap at byte {at}"), at);
            }
            if (e.Begin > position)
            {
                var at = dataStart + position;
                throw new TeleportDataException(path, string.Create(c,
                    $"hole at byte {at}: data bytes [{position}, {e.Begin}) belong to no tensor"), at);
            }
            position = e.End;
            previous = e;
        }
        if (position != dataLength)
        {
            var at = dataStart + position;
            throw new TeleportDataException(path, string.Create(c,
                $"hole at byte {at}: the last {dataLength - position} data bytes [{position}, {dataLength}) belong to no tensor"), at);
        }
    }
}
