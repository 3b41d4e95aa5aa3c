using System;
using System.Threading;
using Teleport.Cli.Bench;
using Teleport.Kernels;
using Xunit;

namespace Teleport.Cli.Tests;

/// <summary>The two-thread bench's second reference: two copies of a case's work, one alone and two side by side.</summary>
[Collection(nameof(GlobalKernelSettings))]
public sealed class IndependentCopiesTests
{
    /// <summary>
    /// Each copy is restored and warmed once per timing, then runs the given calls: the original alone and side by side, the
    /// copy side by side only, on another thread, each on one product thread; MaxThreads comes back as it was.
    /// </summary>
    [Fact]
    public void EachCopyRunsItsCallsOnItsOwnThreadWithOneProductThread()
    {
        int originalCalls = 0, copyCalls = 0, originalRestores = 0, copyRestores = 0, threadsSeen = 0;
        int originalThread = 0, copyThread = 0;
        var original = new BenchCase("case", null, 3, () =>
        {
            originalCalls++;
            originalThread = Environment.CurrentManagedThreadId;
            Interlocked.Or(ref threadsSeen, MatrixMultiply.MaxThreads);
        }) { Restore = () => originalRestores++ };
        var copy = new BenchCase("case", null, 3, () =>
        {
            copyCalls++;
            copyThread = Environment.CurrentManagedThreadId;
            Interlocked.Or(ref threadsSeen, MatrixMultiply.MaxThreads);
        }) { Restore = () => copyRestores++ };
        var saved = MatrixMultiply.MaxThreads;
        MatrixMultiply.MaxThreads = 2;
        try
        {
            foreach (var aloneFirst in new[] { true, false })
            {
                var (alone, sideBySide) = IndependentCopies.Time(original, copy, 5, aloneFirst);
                Assert.True(alone > 0);
                Assert.True(sideBySide > 0);
                Assert.Equal(2, MatrixMultiply.MaxThreads);
            }
        }
        finally
        {
            MatrixMultiply.MaxThreads = saved;
        }
        // Per timing each way: one restore, one warm call, 5 timed calls; the copy only side by side.
        Assert.Equal(2 * 2 * 6, originalCalls);
        Assert.Equal(2 * 2, originalRestores);
        Assert.Equal(2 * 6, copyCalls);
        Assert.Equal(2, copyRestores);
        Assert.Equal(1, threadsSeen);
        Assert.Equal(Environment.CurrentManagedThreadId, originalThread);
        Assert.NotEqual(originalThread, copyThread);
    }

    /// <summary>The same work twice would not be two copies: refused before any timing.</summary>
    [Fact]
    public void TheSameWorkTwiceIsRefused()
    {
        var calls = 0;
        Action work = () => calls++;
        var c = new BenchCase("case", null, 1, work);
        var e = Assert.Throws<ArgumentException>(() => IndependentCopies.Time(c, c with { Name = "again" }, 1, aloneFirst: true));
        Assert.Contains("second instance", e.Message);
        Assert.Equal(0, calls);
    }

    /// <summary>A copy that fails on its thread fails the timing with its case named, not silently or as a hang.</summary>
    [Fact]
    public void AFailingCopyNamesItsCase()
    {
        var original = new BenchCase("case", null, 1, () => { });
        var copy = new BenchCase("the copy", null, 1, () => throw new InvalidOperationException("boom"));
        var e = Assert.Throws<InvalidOperationException>(() => IndependentCopies.Time(original, copy, 2, aloneFirst: false));
        Assert.Contains("the copy", e.Message);
        Assert.Contains("boom", e.Message);
    }
}
