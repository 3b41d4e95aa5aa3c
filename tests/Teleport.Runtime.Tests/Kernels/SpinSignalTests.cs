using System;
using System.Threading;
using Teleport.Kernels;
using Teleport.Testing;

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

        // One setter thread per measured window, created before the measurement (creating a thread allocates).
        var signal = new SpinSignal();
        var setters = new Thread[Allocations.Windows];
        for (var i = 0; i < setters.Length; i++)
            setters[i] = new Thread(() =>
            {
                Thread.Sleep(50); // long past the spinning phase: the waiter is blocked on the monitor
                signal.Set();
            });
        var next = 0;
        long allocated = Allocations.SteadyState(() =>
        {
            signal.Reset();
            setters[next++].UnsafeStart();
            signal.Wait();
        });
        for (var i = 0; i < next; i++) setters[i].Join();
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
