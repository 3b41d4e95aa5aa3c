using System;
using System.Runtime.InteropServices;

namespace Teleport.Serialization;

// The file type from Linux's statx(2): struct statx has one layout on every architecture, unlike struct stat.
public static unsafe partial class FileKinds
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int StatxMaskOffset = 0;
    private const int StatxModeOffset = 28;
    private const int NoEntry = 2;
    private const int NotDirectory = 20;
    private const int TooManyLinks = 40; // ELOOP

    /// <summary>Cleared once the C library turns out to have no statx, so the fallback is not retried through an exception.</summary>
    private static bool s_statxAvailable = true;

    /// <summary>The type of <paramref name="path"/> (following links) by statx; false when the system cannot say.</summary>
    private static bool TryStat(string path, out FileKind kind)
    {
        kind = FileKind.Other;
        if (!s_statxAvailable) return false;
        byte* buffer = stackalloc byte[StatxSize];
        int result;
        try
        {
            result = Statx(AtCurrentDirectory, path, 0, StatxType, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            s_statxAvailable = false;
            return false;
        }
        if (result != 0)
        {
            // No entry, or a part of the path that is not a folder: nothing is there to replace.
            var error = Marshal.GetLastPInvokeError();
            if (error == TooManyLinks)
            {
                // A loop of links: .NET's File.Exists calls it a file (a bad-input sweep: "loopd is a file, not a folder").
                kind = FileKind.LinkLoop;
                return true;
            }
            if (error is NoEntry or NotDirectory) kind = FileKind.Missing;
            return error is NoEntry or NotDirectory;
        }
        if ((*(uint*)(buffer + StatxMaskOffset) & StatxType) == 0) return false;
        kind = (*(ushort*)(buffer + StatxModeOffset) & 0xF000) switch
        {
            0x8000 => FileKind.RegularFile,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
