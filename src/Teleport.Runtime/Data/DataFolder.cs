using System;
using System.IO;
using Teleport.Serialization;

namespace Teleport.Data;

/// <summary>The folder a data set's files are read from.</summary>
internal static class DataFolder
{
    /// <summary>
    /// The full path of <paramref name="folder"/> when it is a folder; otherwise a <see cref="DatasetNotFoundException"/>
    /// saying whether nothing is there or what is (a file given where its folder is wanted is the usual slip).
    /// </summary>
    /// <param name="folder">The folder as given.</param>
    /// <param name="dataset">The data set's name, first in the message ("Fashion-MNIST").</param>
    /// <param name="expected">What the folder should hold ("train-images-idx3-ubyte[.gz] and the three other IDX files").</param>
    public static string Require(string folder, string dataset, string expected)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = Path.GetFullPath(folder);
        if (Directory.Exists(full)) return full;
        // What is there in its own words: .NET calls a FIFO, a device and a loop of links a file (a bad-input sweep:
        // "--data fifo: is a file, not a folder").
        var kind = FileKinds.Of(full);
        throw new DatasetNotFoundException(full, kind == FileKind.Missing
            ? $"{dataset}: folder {full} not found (expected {expected} there)"
            : $"{dataset}: {full} is {FileKinds.Describe(kind)}, not a folder (expected the folder holding {expected})");
    }
}
