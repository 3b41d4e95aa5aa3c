using System.Threading;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="ChunkCompletion"/>: the caller of a split product returns only when all of its chunks are done, also when
/// the previous product's last chunk sets the signal late (after this product began).
/// </summary>
public class ChunkCompletionTests
{
    /// <summary>
    /// The previous product's late set lands after <see cref="ChunkCompletion.Begin"/>: the waiter must not take it for
    /// its own. The chunks are counted only once the waiter has returned or cleared the stale set, so a waiter that
    /// returned on it sees no chunk done (it returned before the worker wrote C, and freed the worker mid-chunk).
    /// </summary>
    [Fact]
    public void AStaleSetFromTheLastProductDoesNotEndTheWait()
    {
        for (var round = 0; round < 50; round++)
        {
            var completion = new ChunkCompletion();
            completion.Begin();
            completion.SignalOnly(); // the previous product's worker, late
            var returned = 0;
            var doneWhenReturned = -1;
            var worker = new Thread(() =>
            {
                SpinWait.SpinUntil(() => Volatile.Read(ref returned) != 0 || !completion.IsSignaled);
                completion.MarkDone(2);
                completion.MarkDone(2);
            });
            worker.Start();
            completion.Wait(2);
            doneWhenReturned = completion.Done;
            Volatile.Write(ref returned, 1);
            worker.Join();
            Assert.Equal(2, doneWhenReturned);
        }
    }

    [Fact]
    public void AWaitReturnsOnceEveryChunkIsDone()
    {
        var completion = new ChunkCompletion();
        completion.Begin();
        var marker = new Thread(() =>
        {
            for (var i = 0; i < 16; i++) completion.MarkDone(16);
        });
        marker.Start();
        completion.Wait(16);
        Assert.Equal(16, completion.Done);
        marker.Join();
    }

    [Fact]
    public void BeginClearsTheCountAndTheSignal()
    {
        var completion = new ChunkCompletion();
        completion.Begin();
        completion.MarkDone(1);
        Assert.True(completion.IsSignaled);
        completion.Begin();
        Assert.Equal(0, completion.Done);
        Assert.False(completion.IsSignaled);
    }
}
