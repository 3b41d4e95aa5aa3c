using System;
using System.Collections.Generic;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;

namespace Teleport.Runtime.Tests.Arguments;

public sealed class SerializationArgumentTests
{
    [Fact]
    public void ANullMetadataValueIsRefusedBeforeAnythingIsWritten()
    {
        // It was written as JSON null, which the reader refuses: the library wrote a file it could not read back.
        using var temp = new TempDirectory();
        var path = temp.File("model.safetensors");
        var metadata = new Dictionary<string, string> { ["seed"] = "1", ["note"] = null! };
        var error = Assert.Throws<ArgumentException>("metadata", () => SafeTensors.Write(path, [SafeTensor.FromSingle("w", [2], [1f, 2f])], metadata));
        Assert.Contains("\"note\"", error.Message);
        Assert.False(System.IO.File.Exists(path));
    }

    [Fact]
    public void AnUndefinedElementTypeIsNamed()
    {
        // It was taken as an 8-byte type (SizeOf's default branch) and its header name was not one of the format's.
        Assert.Throws<ArgumentOutOfRangeException>("dtype", () => new SafeTensor("w", (SafeTensorDType)99, [1], new byte[8]));
    }

    [Fact]
    public void ParsingWithoutAPathIsRefused()
    {
        // A good file parsed with a null path was accepted, and a bad one reported for a file named "".
        var content = SafeTensors.ToBytes([SafeTensor.FromSingle("w", [1], [1f])]);
        Assert.Throws<ArgumentNullException>("path", () => SafeTensors.Parse(content, null!));
        Assert.Throws<ArgumentNullException>("path", () => SafeTensors.Parse(new byte[3], null!));
        Assert.Single(SafeTensors.Parse(content, "w.safetensors").Tensors);
    }

    [Fact]
    public void ANullTensorInAFileIsNamed()
    {
        // It was a NullReferenceException from the name index.
        Assert.Throws<ArgumentNullException>("tensors", () => new SafeTensorsFile([SafeTensor.FromSingle("w", [1], [1f]), null!], new Dictionary<string, string>()));
    }
}
