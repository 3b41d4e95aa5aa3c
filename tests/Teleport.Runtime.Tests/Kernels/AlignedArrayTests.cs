using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

public class AlignedArrayTests
{
    [Fact]
    public void ElementZeroSitsOnA64ByteBoundaryForEveryLengthAndElementSize()
    {
        // Many arrays in a row: the garbage collector places them at every 8-byte step, so a missing
        // offset would show in most of them.
        var keep = new List<object>();
        for (var length = 1; length < 300; length += 7)
        {
            var floats = new AlignedArray<float>(length);
            var doubles = new AlignedArray<double>(length);
            var bytes = new AlignedArray<byte>(length);
            keep.Add(floats);
            keep.Add(doubles);
            keep.Add(bytes);
            Assert.Equal(0, CacheLines.OffsetOf(floats.Span));
            Assert.Equal(0, CacheLines.OffsetOf(doubles.Span));
            Assert.Equal(0, CacheLines.OffsetOf(bytes.Span));
            Assert.Equal(length, floats.Length);
            Assert.Equal(length, floats.Span.Length);
        }
    }

    [Fact]
    public void TheBoundaryHoldsAfterACompactingCollection()
    {
        var arrays = new List<AlignedArray<float>>();
        for (var i = 0; i < 64; i++)
        {
            arrays.Add(new AlignedArray<float>(100 + i));
            _ = new byte[1000 + i]; // garbage between them, for the collector to compact away
        }
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        foreach (var array in arrays) Assert.Equal(0, CacheLines.OffsetOf(array.Span));
    }

    [Fact]
    public void StartsZeroedAndReadsAndWritesThroughEveryView()
    {
        var array = new AlignedArray<float>(10);
        Assert.All(array.Span.ToArray(), v => Assert.Equal(0f, v));
        array[3] = 7f;
        Span<float> span = array;
        ReadOnlySpan<float> read = array;
        Assert.Equal(7f, span[3]);
        Assert.Equal(7f, read[3]);
        array.Slice(2, 4)[1] = 9f; // element 3
        Assert.Equal(9f, array[3]);
        Assert.Equal(4, array.Slice(2, 4).Length);
        Assert.True(Unsafe.AreSame(ref array[0], ref MemoryMarshal.GetReference(array.Span)));
    }

    [Fact]
    public void IndicesOutsideTheArrayAreRefusedEvenWhereTheStorageHasPadding()
    {
        var array = new AlignedArray<float>(5);
        Assert.Throws<IndexOutOfRangeException>(() => array[-1]);
        Assert.Throws<IndexOutOfRangeException>(() => array[5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => array.Slice(3, 3));
        Assert.Throws<IndexOutOfRangeException>(() => AlignedArray<float>.Empty[0]);
    }

    [Fact]
    public void LengthsOutsideTheRangeAreRefusedWithTheRangeInTheMessage()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedArray<float>(-1));
        Assert.Equal("length", negative.ParamName);
        Assert.Contains($"0 to {AlignedArray<float>.MaxLength}", negative.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedArray<double>(AlignedArray<double>.MaxLength + 1));
        Assert.Equal(Array.MaxLength - 16, AlignedArray<float>.MaxLength);
        Assert.Equal(Array.MaxLength - 8, AlignedArray<double>.MaxLength);
        Assert.Equal(0, AlignedArray<float>.Empty.Length);
        Assert.Equal(0, new AlignedArray<float>(0).Span.Length);
    }
}
