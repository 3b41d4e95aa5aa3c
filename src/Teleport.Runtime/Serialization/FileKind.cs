namespace Teleport.Serialization;

/// <summary>
/// What a path names on the file system, as far as a writer cares: only a missing entry or a regular file may
/// be replaced by a new file (<see cref="AtomicFile"/>); renaming a file over anything else would destroy it —
/// a device node, a named pipe another process listens on, a socket. <see cref="FileKinds.Of"/> tells them apart.
/// </summary>
public enum FileKind
{
    /// <summary>Nothing is there (or a symbolic link points to nothing).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    RegularFile,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A character device, such as <c>/dev/null</c> or a terminal.</summary>
    CharacterDevice,

    /// <summary>A block device, such as a disk.</summary>
    BlockDevice,

    /// <summary>A FIFO (named pipe).</summary>
    Fifo,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Something else the system reports.</summary>
    Other,

    /// <summary>A symbolic link that leads into a loop of links (or through too many): it names nothing that can be opened.</summary>
    LinkLoop,
}
