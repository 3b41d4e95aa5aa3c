using System.IO;
using System.Threading.Tasks;
using Teleport.Data;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Data;

/// <summary>
/// A data file that is not a regular file (found by a bad-input sweep: a FIFO in the --data folder made the run wait
/// for a writer for ever) is named for what it is, before anything opens it.
/// </summary>
public sealed class SpecialDataFileTests
{
    [Fact]
    public async Task AFifoIsRefusedWithoutWaitingForAWriter()
    {
        if (!System.OperatingSystem.IsLinux()) return; // told apart from files only on Linux (statx)
        using var dir = new TempDirectory();
        var path = SpecialFiles.Fifo(Path.Combine(dir.Path, "train-labels-idx1-ubyte"));
        var read = Task.Run(() => IdxFile.ReadUnsignedBytes(path, 1, "label"));
        if (await Task.WhenAny(read, Task.Delay(System.TimeSpan.FromSeconds(30))) != read)
        {
            using (var writer = new FileStream(path, FileMode.Open, FileAccess.Write)) { } // frees the blocked reader
            Assert.Fail("reading a FIFO blocked: it was opened instead of refused");
        }
        var e = await Assert.ThrowsAsync<TeleportDataException>(() => read);
        Assert.Equal("train-labels-idx1-ubyte: is a FIFO (named pipe), not a file", e.Message);
    }

    [Fact]
    public void AFolderIsCalledAFolder()
    {
        using var dir = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, "train-images-idx3-ubyte")).FullName;
        var e = Assert.Throws<TeleportDataException>(() => IdxFile.ReadUnsignedBytes(folder, 3, "pixel"));
        Assert.Equal("train-images-idx3-ubyte: is a folder, not a file", e.Message);
    }
}
