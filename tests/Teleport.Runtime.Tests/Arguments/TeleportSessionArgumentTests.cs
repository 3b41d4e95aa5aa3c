using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>
/// A <see cref="TeleportSession{T}"/> used out of order or with spans of the wrong size: its adjoints failed deep in a
/// loop (an index out of range, or a product naming its inner 'a' or 'b'), and after <see cref="TeleportSession{T}.End"/>
/// they answered from the old batch's Gram matrix and product.
/// </summary>
/// <remarks>
/// Already fine, not tested here: sizes below 1 (the constructor names them, see TeleportArgumentTests), inputs that are
/// not whole rows or not fewer rows than the fan-in (<see cref="TeleportSession{T}.Begin"/> returns false), and the
/// product updates when <see cref="TeleportSession{T}.ProductValid"/> is false (they do nothing, as documented).
/// </remarks>
public sealed class TeleportSessionArgumentTests
{
    // d = 6, k = 3, n = 2: R{δZ} is [2×3].
    private const int InputSize = 6, Width = 3, Batch = 2;

    [Fact]
    public void AShortTangentIsNamed()
    {
        var session = Active();
        Assert.Throws<ArgumentException>("tangentDelta", () => session.AdjointDiagonal(new double[Batch * Width - 1]));
        Assert.Throws<ArgumentException>("tangentDelta", () => session.AdjointProduct(new double[Batch * Width - 1]));
        Assert.Throws<ArgumentException>("tangentDelta", () => session.AdjointGramProduct(new double[1]));
        Assert.Equal(Width, session.AdjointDiagonal(new double[Batch * Width]).Length);
    }

    [Fact]
    public void AGroupElementOfTheWrongSizeIsNamed()
    {
        var session = Active();
        session.ProductValid = true;
        Assert.Throws<ArgumentException>("g", () => session.ScaleProductColumns(new double[Width - 1]));
        Assert.Throws<ArgumentException>("g", () => session.TransformProduct(new double[Width]));
    }

    [Fact]
    public void AdjointsOutsideASessionAreRefused()
    {
        var fresh = new TeleportSession<double>(InputSize, Width);
        Assert.Throws<InvalidOperationException>(() => fresh.AdjointDiagonal(new double[Batch * Width]));
        var ended = Active();
        ended.End();
        // The old batch's K and P are still there; the answer would be for parameters that may have moved since.
        Assert.Throws<InvalidOperationException>(() => ended.AdjointProduct(new double[Batch * Width]));
        Assert.Throws<InvalidOperationException>(() => ended.AdjointGramProduct(new double[Batch * Width]));
    }

    private static TeleportSession<double> Active()
    {
        var session = new TeleportSession<double>(InputSize, Width);
        var inputs = new double[Batch * InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = i % 5 - 2;
        Assert.True(session.Begin(inputs));
        return session;
    }
}
