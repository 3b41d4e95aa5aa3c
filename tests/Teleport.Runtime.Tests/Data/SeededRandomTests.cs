using System;
using System.Linq;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

public class SeededRandomTests
{
    [Fact]
    public void MatchesTheXoshiro256StarStarReferenceVector()
    {
        // Blackman & Vigna's reference implementation from state {1, 2, 3, 4}.
        var random = new SeededRandom(new RandomState(1, 2, 3, 4));
        Assert.Equal(11520UL, random.NextUInt64());
        Assert.Equal(0UL, random.NextUInt64());
        Assert.Equal(1509978240UL, random.NextUInt64());
        Assert.Equal(1215971899390074240UL, random.NextUInt64());
    }

    [Fact]
    public void SeedsTheStateWithSplitMix64()
    {
        // SplitMix64 from 0 gives the published e220a8397b1dcdaf, 6e789e6aa1b965f4, 06c45d188009454f, f88bb8a8724c81ec.
        Assert.Equal(new RandomState(0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F, 0xF88BB8A8724C81EC), new SeededRandom(0).State);
    }

    [Theory]
    [InlineData(0L, 0L, 0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL)]
    [InlineData(42L, 0L, 0x15780B2E0C2EC716UL, 0x6104D9866D113A7EUL)]
    [InlineData(42L, 7L, 0x11A904479C05B3DAUL, 0xCFFD69429302C462UL)]
    [InlineData(-1L, 0L, 0x8F5520D52A7EAD08UL, 0xC476A018CAA1802DUL)]
    public void SequenceIsPinnedForSeedAndStream(long seed, long stream, ulong first, ulong second)
    {
        var random = new SeededRandom(seed, stream);
        Assert.Equal(first, random.NextUInt64());
        Assert.Equal(second, random.NextUInt64());
    }

    [Fact]
    public void StreamZeroIsThePlainSeedAndResetRestarts()
    {
        var a = new SeededRandom(5);
        var b = new SeededRandom(5, 0);
        var first = a.NextUInt64();
        Assert.Equal(first, b.NextUInt64());
        a.NextUInt64();
        a.Reset(5);
        Assert.Equal(first, a.NextUInt64());
        Assert.NotEqual(first, new SeededRandom(5, 1).NextUInt64());
    }

    [Fact]
    public void StateRoundTripsAndZeroStateIsRejected()
    {
        var random = new SeededRandom(9);
        random.NextUInt64();
        var saved = random.State;
        var expected = random.NextUInt64();
        var restored = new SeededRandom(saved);
        Assert.Equal(expected, restored.NextUInt64());
        Assert.Throws<ArgumentException>(() => random.State = default);
    }

    [Fact]
    public void NextIntStaysInRangeAndIsRoughlyUniform()
    {
        var random = new SeededRandom(3);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++) counts[random.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        for (var i = 0; i < 1000; i++) Assert.InRange(random.NextInt(-3, 4), -3, 3);
        Assert.InRange(random.NextInt(int.MinValue, int.MaxValue), int.MinValue, int.MaxValue - 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(2, 2));
    }

    [Fact]
    public void UniformAndFloatsStayInHalfOpenIntervals()
    {
        var random = new SeededRandom(11);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(random.NextDouble(), 0.0, Math.BitDecrement(1.0));
            Assert.InRange(random.NextFloat(), 0f, MathF.BitDecrement(1f));
            var f = random.Uniform(-0.5f, 0.25f);
            Assert.True(f >= -0.5f && f < 0.25f);
            var d = random.Uniform(2.0, 3.0);
            Assert.True(d >= 2.0 && d < 3.0);
        }
    }

    [Fact]
    public void NormalHasUnitMomentsAndFillsAreDeterministic()
    {
        var values = new double[200_000];
        new SeededRandom(17).FillNormal(values, 0.0, 1.0);
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);

        var a = new float[64];
        var b = new float[64];
        new SeededRandom(1).FillNormal(a, 2f, 0.5f);
        new SeededRandom(1).FillNormal(b, 2f, 0.5f);
        Assert.Equal(a, b);
        new SeededRandom(1).FillUniform(b, -1f, 1f);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void PermutationIsAPermutationAndDependsOnTheSeed()
    {
        var p = new SeededRandom(1).Permutation(1000);
        Assert.Equal(Enumerable.Range(0, 1000), p.Order());
        Assert.Equal(p, new SeededRandom(1).Permutation(1000));
        Assert.NotEqual(p, new SeededRandom(2).Permutation(1000));
        Assert.NotEqual(Enumerable.Range(0, 1000), p);
        Assert.Empty(new SeededRandom(1).Permutation(0));
    }

    [Fact]
    public void ShuffleMovesEveryPositionUniformly()
    {
        // Position of element 0 after shuffling 4 items: each of the 4 places about 1/4 of the time.
        var random = new SeededRandom(23);
        var counts = new int[4];
        Span<int> items = stackalloc int[4];
        for (var trial = 0; trial < 40_000; trial++)
        {
            for (var i = 0; i < 4; i++) items[i] = i;
            random.Shuffle(items);
            counts[items.IndexOf(0)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }
}
