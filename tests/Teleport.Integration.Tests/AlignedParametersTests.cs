using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Teleport.Integration.Tests.Networks;

namespace Teleport.Integration.Tests;

/// <summary>Generated models keep their parameters on a 64-byte boundary (vector loads of a weight row then stay within cache lines).</summary>
public sealed class AlignedParametersTests
{
    private static unsafe long Address<T>(Span<T> span) where T : unmanaged =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));

    [Fact]
    public void EveryKindOfGeneratedModelStartsItsParametersOnACacheLine()
    {
        // Many instances: a plain array would land on a 64-byte boundary in only one of eight.
        var keep = new List<object>();
        for (var i = 0; i < 16; i++)
        {
            var mlp = new PaperMlp();
            var twin = mlp.ToFloat64();
            var lstm = new LstmRegressor();
            keep.Add(mlp);
            keep.Add(twin);
            keep.Add(lstm);
            Assert.Equal(0, Address(mlp.Parameters) % 64);
            Assert.Equal(0, Address(twin.Parameters) % 64);
            Assert.Equal(0, Address(lstm.Parameters) % 64);
            Assert.Equal(PaperMlp.ParameterCount, mlp.Parameters.Length);
        }
    }
}
