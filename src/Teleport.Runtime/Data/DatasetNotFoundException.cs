namespace Teleport.Data;

/// <summary>
/// A data set's folder or one of its files does not exist. The message is one line naming what is
/// missing and the full path where it was looked for, so a caller (the CLI) can fall back to the
/// synthetic task and say why.
/// </summary>
public sealed class DatasetNotFoundException : TeleportDataException
{
    /// <summary>Creates the exception for a missing file or folder.</summary>
    /// <param name="path">The full path that was looked for.</param>
    /// <param name="message">
    /// The whole message, e.g. <c>Fashion-MNIST: train-images-idx3-ubyte[.gz] not found in /usr/share/datasets/fashion-mnist</c>.
    /// </param>
    public DatasetNotFoundException(string path, string message)
        : base(path, message, null, null, message)
    {
    }
}
