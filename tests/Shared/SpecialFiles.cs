using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Teleport.Testing;

/// <summary>
/// Entries that are not regular files, made inside a test's own folder: a FIFO and a bound Unix socket. Tests of
/// what a writer refuses use these, never a device such as /dev/null, which a writer that failed to refuse would destroy.
/// </summary>
internal static partial class SpecialFiles
{
    /// <summary>Makes a FIFO (named pipe) at <paramref name="path"/>.</summary>
    public static string Fifo(string path)
    {
        if (MakeFifo(path, Convert.ToUInt32("644", 8)) != 0) throw new IOException($"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");
        return path;
    }

    /// <summary>Binds a Unix domain socket at <paramref name="path"/>; .NET deletes its file when it is disposed.</summary>
    public static Socket Socket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MakeFifo(string path, uint mode);
}
