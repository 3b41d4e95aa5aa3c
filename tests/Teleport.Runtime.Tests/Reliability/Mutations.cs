using System;
using System.Collections.Generic;
using System.Text;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// Seeded corruptions of a valid file, the kind a disk, a download or a hand edit produces: truncation,
/// bit flips, overwritten, inserted, deleted and repeated bytes, and for text files replaced numbers and
/// characters. Each mutant comes with a description for the failure message.
/// </summary>
public static class Mutations
{
    /// <summary>Text that stresses a number parser where a number was.</summary>
    private static readonly string[] Numbers =
        ["-1", "0", "1e400", "-1e400", "NaN", "\"NaN\"", "\"Infinity\"", "2147483648", "9223372036854775808", "1.5", "-0", "1e-400", "\"x\"", "null", "[]", "{}", "true"];

    /// <summary><paramref name="count"/> mutants of <paramref name="valid"/>, the same for the same seed.</summary>
    public static IEnumerable<(string What, byte[] Bytes)> Of(byte[] valid, int count, int seed, bool text = false)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(text ? 9 : 6);
            yield return kind switch
            {
                0 => Truncate(valid, random),
                1 => FlipBits(valid, random),
                2 => Overwrite(valid, random),
                3 => Insert(valid, random),
                4 => Delete(valid, random),
                5 => Repeat(valid, random),
                6 or 7 => ReplaceNumber(valid, random),
                _ => ReplaceCharacter(valid, random),
            };
        }
    }

    private static (string, byte[]) Truncate(byte[] valid, Random random)
    {
        var length = random.Next(valid.Length);
        return ($"truncated to {length} of {valid.Length} bytes", valid[..length]);
    }

    private static (string, byte[]) FlipBits(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        var flips = 1 + random.Next(8);
        var where = new List<int>();
        for (var k = 0; k < flips; k++)
        {
            var at = random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(8));
            where.Add(at);
        }
        return ($"bits flipped at bytes {string.Join(", ", where)}", bytes);
    }

    private static (string, byte[]) Overwrite(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        var at = random.Next(bytes.Length);
        ReadOnlySpan<byte> specials = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE];
        var value = random.Next(2) == 0 ? specials[random.Next(specials.Length)] : (byte)random.Next(256);
        var length = Math.Min(1 + random.Next(8), bytes.Length - at);
        bytes.AsSpan(at, length).Fill(value);
        return ($"{length} bytes at {at} set to 0x{value:X2}", bytes);
    }

    private static (string, byte[]) Insert(byte[] valid, Random random)
    {
        var at = random.Next(valid.Length + 1);
        var extra = new byte[1 + random.Next(16)];
        random.NextBytes(extra);
        return ($"{extra.Length} random bytes inserted at {at}", [.. valid.AsSpan(0, at), .. extra, .. valid.AsSpan(at)]);
    }

    private static (string, byte[]) Delete(byte[] valid, Random random)
    {
        var at = random.Next(valid.Length);
        var length = Math.Min(1 + random.Next(32), valid.Length - at);
        return ($"{length} bytes deleted at {at}", [.. valid.AsSpan(0, at), .. valid.AsSpan(at + length)]);
    }

    private static (string, byte[]) Repeat(byte[] valid, Random random)
    {
        var at = random.Next(valid.Length);
        var length = Math.Min(1 + random.Next(64), valid.Length - at);
        return ($"{length} bytes at {at} repeated", [.. valid.AsSpan(0, at + length), .. valid.AsSpan(at, length), .. valid.AsSpan(at + length)]);
    }

    /// <summary>A run of digits (with its sign, point and exponent) replaced by a troublesome value.</summary>
    private static (string, byte[]) ReplaceNumber(byte[] valid, Random random)
    {
        var text = Encoding.UTF8.GetString(valid);
        var starts = new List<int>();
        for (var i = 0; i < text.Length; i++)
            if (char.IsAsciiDigit(text[i]) && (i == 0 || !IsNumberChar(text[i - 1]))) starts.Add(i);
        if (starts.Count == 0) return Truncate(valid, random);
        var start = starts[random.Next(starts.Count)];
        if (start > 0 && text[start - 1] == '-') start--;
        var end = start + 1;
        while (end < text.Length && IsNumberChar(text[end])) end++;
        var replacement = Numbers[random.Next(Numbers.Length)];
        var mutated = text[..start] + replacement + text[end..];
        return ($"number \"{text[start..end]}\" at {start} replaced by {replacement}", Encoding.UTF8.GetBytes(mutated));
    }

    private static (string, byte[]) ReplaceCharacter(byte[] valid, Random random)
    {
        var text = Encoding.UTF8.GetString(valid);
        if (text.Length == 0) return ("empty", valid);
        var at = random.Next(text.Length);
        string[] characters = ["\"", ",", ":", "{", "}", "[", "]", "\n", "\\", "\0", "é", "\uD800", " ", ";", "\t"];
        var replacement = characters[random.Next(characters.Length)];
        return ($"character {at} replaced by U+{(int)replacement[0]:X4}", Encoding.UTF8.GetBytes(text[..at] + replacement + text[(at + 1)..]));
    }

    private static bool IsNumberChar(char c) => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-';
}
