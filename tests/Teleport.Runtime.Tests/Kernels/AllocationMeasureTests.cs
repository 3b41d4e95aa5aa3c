using System;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>The steady-state measure every allocation test relies on still sees a real allocation.</summary>
public class AllocationMeasureTests
{
    private static object? s_keep;

    [Fact]
    public void AnAllocationInEveryWindowIsCounted()
    {
        long bytes = Allocations.SteadyState(() => s_keep = new byte[1000]);
        Assert.InRange(bytes, 1000, 1100);
        Assert.NotNull(s_keep);
    }

    [Fact]
    public void ArithmeticAllocatesNothing()
    {
        double sum = 0;
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 1000; i++) sum += Math.Sqrt(i);
        }));
        Assert.True(sum > 0);
    }

    [Fact]
    public void WindowsKeepTheFewestBytes()
    {
        var windows = new AllocationWindows();
        windows.Boundary();
        s_keep = new byte[5000];
        windows.Boundary();
        s_keep = new byte[100];
        windows.Boundary();
        Assert.Equal(2, windows.Closed);
        Assert.InRange(windows.Fewest, 100, 200);
    }
}
