using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Teleport.Data;

// A content hash of the samples, so a checkpoint can tell whether it is resumed on the same data.
public sealed partial class Dataset
{
    private string? _fingerprint;

    /// <summary>
    /// A 64-bit hash of the data set's content — sizes, every feature's bits, every label or target — as 16
    /// hexadecimal digits. Equal data give equal fingerprints on every machine; another split, another folder's
    /// files, fewer samples or one changed pixel give another (with probability 1 − 2⁻⁶⁴). Not cryptographic.
    /// Computed once (the data are immutable), at about 1 ns per 8 bytes.
    /// </summary>
    public string Fingerprint()
    {
        if (_fingerprint is not null) return _fingerprint;
        var hash = new Fingerprinter();
        hash.Add((ulong)Count);
        hash.Add((ulong)FeatureCount);
        hash.Add((ulong)ClassCount);
        hash.Add((ulong)TargetCount);
        hash.Add(MemoryMarshal.AsBytes(Features));
        if (_labels is not null) hash.Add(MemoryMarshal.AsBytes(_labels.AsSpan()));
        if (_targets is not null) hash.Add(MemoryMarshal.AsBytes(_targets.AsSpan()));
        return _fingerprint = hash.Finish().ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Four independent multiply–rotate lanes over 64-bit little-endian words (the structure of xxHash64, with its
    /// primes), so the dependency chains overlap; a length word and an avalanche finish it.
    /// </summary>
    private struct Fingerprinter
    {
        private const ulong Prime1 = 0x9E3779B185EBCA87UL;
        private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
        private const ulong Prime3 = 0x165667B19E3779F9UL;
        private ulong _a;
        private ulong _b;
        private ulong _c;
        private ulong _d;
        private ulong _length;
        private bool _started;

        public void Add(ulong word) => Add(MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in word)));

        public void Add(ReadOnlySpan<byte> bytes)
        {
            if (!_started)
            {
                (_a, _b, _c, _d) = (unchecked(Prime1 + Prime2), Prime2, 0, unchecked(0 - Prime1));
                _started = true;
            }
            _length += (ulong)bytes.Length;
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            var i = 0;
            for (; i + 4 <= words.Length; i += 4)
            {
                _a = Round(_a, Little(words[i]));
                _b = Round(_b, Little(words[i + 1]));
                _c = Round(_c, Little(words[i + 2]));
                _d = Round(_d, Little(words[i + 3]));
            }
            for (; i < words.Length; i++) _a = Round(_a, Little(words[i]));
            var tail = bytes[(words.Length * 8)..];
            if (tail.Length > 0)
            {
                Span<byte> last = stackalloc byte[8];
                last.Clear();
                tail.CopyTo(last);
                _b = Round(_b, BinaryPrimitives.ReadUInt64LittleEndian(last) ^ (ulong)tail.Length);
            }
        }

        public readonly ulong Finish()
        {
            var h = BitOperations.RotateLeft(_a, 1) + BitOperations.RotateLeft(_b, 7) + BitOperations.RotateLeft(_c, 12) + BitOperations.RotateLeft(_d, 18);
            h = unchecked((h ^ Round(0, _length)) * Prime1 + Prime3);
            h ^= h >> 33;
            h = unchecked(h * Prime2);
            h ^= h >> 29;
            h = unchecked(h * Prime3);
            return h ^ (h >> 32);
        }

        private static ulong Round(ulong accumulator, ulong word) =>
            unchecked(BitOperations.RotateLeft(accumulator + word * Prime2, 31) * Prime1);

        private static ulong Little(ulong word) => BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word);
    }
}
