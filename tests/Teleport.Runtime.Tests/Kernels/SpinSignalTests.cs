using System;
using System.Threading;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

public class SpinSignalTests
{
    [Fact]
    public void ABlockingWaitAllocatesNothingAndWakesOnSet()
    {
        // Warm the code paths once so the JIT's own allocations do not count.
        var warm = new SpinSignal();
        warm.Set();
        warm.Wait();

        var signal = new SpinSignal();
        var setter = new Thread(() =>
        {
            Thread.Sleep(50); // long past the spinning phase: the waiter is blocked on the monitor
            signal.Set();
        });
        long before = GC.GetAllocatedBytesForCurrentThread();
        setter.UnsafeStart();
        signal.Wait();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        setter.Join();
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ResetMakesTheNextWaitWaitForTheNextSet()
    {
        var signal = new SpinSignal();
        signal.Set();
        signal.Wait();
        signal.Reset();
        bool woke = false;
        var waiter = new Thread(() => { signal.Wait(); Volatile.Write(ref woke, true); });
        waiter.Start();
        Thread.Sleep(20);
        Assert.False(Volatile.Read(ref woke));
        signal.Set();
        Assert.True(waiter.Join(10_000));
        Assert.True(woke);
    }
}
