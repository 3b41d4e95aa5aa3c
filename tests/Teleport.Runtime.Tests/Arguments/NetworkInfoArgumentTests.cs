using System;
using Teleport.Serialization;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>
/// A hand-written model's <see cref="NetworkInfo"/> with tensors that do not tile its parameter vector: it was taken as
/// given, and saving the parameters later failed in a slice naming nothing (or null lists in a NullReferenceException).
/// </summary>
/// <remarks>Already fine, not tested here: what reads a well-formed info (shapes against files: SafeTensors' tests).</remarks>
public sealed class NetworkInfoArgumentTests
{
    [Fact]
    public void ATensorPastTheParametersIsRefused()
    {
        // Two tensors of 3 make 6 parameters; the second claimed [4, 7).
        var error = Assert.Throws<ArgumentException>("tensors", () => Info(new("w", [3], 0, 3), new("b", [3], 4, 3)));
        Assert.Contains("\"b\"", error.Message);
        Assert.Throws<ArgumentException>("tensors", () => Info(new ParameterTensorInfo("w", [3], -1, 3)));
        Assert.Throws<ArgumentException>("tensors", () => Info(new ParameterTensorInfo("w", [3], 0, -3)));
    }

    [Fact]
    public void OverlappingTensorsAreRefused()
    {
        // [0, 3) and [2, 5) within 6 parameters: element 2 had two names, element 5 none.
        Assert.Throws<ArgumentException>("tensors", () => Info(new("w", [3], 0, 3), new("b", [3], 2, 3)));
    }

    [Fact]
    public void NullListsAreNamed()
    {
        Assert.Throws<ArgumentNullException>("tensors", () => new NetworkInfo("n", 1, 1, LossKind.MeanSquaredError, [], null!, []));
        Assert.Throws<ArgumentNullException>("tensors", () => Info(null!));
        Assert.Throws<ArgumentNullException>("symmetries", () => new NetworkInfo("n", 1, 1, LossKind.MeanSquaredError, [], [], null!));
    }

    [Fact]
    public void TensorsThatTileTheParametersInAnyOrderAreKept()
    {
        var info = Info(new("b", [3], 3, 3), new("w", [3], 0, 3));
        Assert.Equal(6, info.ParameterCount);
        Assert.Equal(2, SafeTensors.ParameterTensors<float>(info, new float[6]).Count);
    }

    private static NetworkInfo Info(params ParameterTensorInfo[] tensors) =>
        new("Hand", 3, 1, LossKind.MeanSquaredError, [], tensors, []);
}
