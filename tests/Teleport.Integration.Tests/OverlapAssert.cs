using System;

namespace Teleport.Integration.Tests;

/// <summary>The one shape of a generated member's overlap refusal: the written span named, and what it overlaps.</summary>
internal static class OverlapAssert
{
    /// <summary>Asserts that <paramref name="error"/> names <paramref name="output"/> as overlapping <paramref name="other"/>.</summary>
    public static void Refused(ArgumentException error, string output, string other)
    {
        Assert.Equal(output, error.ParamName);
        Assert.Contains($"{output} must not overlap {other}", error.Message);
    }
}
