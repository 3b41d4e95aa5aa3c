using System;
using System.Collections.Generic;
using Teleport.Integration.Tests.Networks;
using Teleport.Testing;

namespace Teleport.Integration.Tests;

/// <summary>Generated models keep their parameters on a 64-byte boundary (vector loads of a weight row then stay within cache lines).</summary>
public sealed class AlignedParametersTests
{
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
            Assert.Equal(0, CacheLines.OffsetOf(mlp.Parameters));
            Assert.Equal(0, CacheLines.OffsetOf(twin.Parameters));
            Assert.Equal(0, CacheLines.OffsetOf(lstm.Parameters));
            Assert.Equal(PaperMlp.ParameterCount, mlp.Parameters.Length);
        }
    }
}
