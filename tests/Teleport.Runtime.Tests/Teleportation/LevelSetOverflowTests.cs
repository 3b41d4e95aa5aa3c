using System;
using Teleport.Teleportation;
using Xunit.Abstractions;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// The level-set line search meets a trial point whose ∇L overflows float while L stays finite: x = 1e12 with v = 1e-20
/// and u = 1e-11 put the unit on the bilinear edge where a step of ρ·s moves u by ~1e9 and the hidden value by ~1e9, so
/// ∂L/∂v = 2·r·u·x passes float's 3.4e38 while L ~ 1e36 does not. Its merit ½·log‖∇L‖² − γ·pen(L − L₀) was +∞ there, which
/// passed the Armijo test: the trial was accepted, ∞ went into the trace, and a cap or the next iterate's s = H·g/‖g‖²
/// (0·∞) stopped the teleport ("cap_reached" with ∞ in its trace, or "non_finite"). It is rejected as non-finite — the
/// rule every method shares (<c>NonFiniteRule</c>) — and ρ backtracks.
/// </summary>
public sealed class LevelSetOverflowTests(ITestOutputHelper output)
{
    private static readonly float[] Inputs = [1e12f];
    private static readonly float[] Values = [200f];

    [Theory]
    [InlineData(1e-3, 1e30)]
    [InlineData(1e-3, double.PositiveInfinity)]
    [InlineData(0.1, 1e30)]
    [InlineData(0.1, double.PositiveInfinity)]
    public void ATrialWhoseGradientOverflowsIsRejected(double rho, double cap)
    {
        var model = OverflowRegressor.With(1e-20f, 0, 1e-11f, 0);
        var probe = new OverflowProbe<float>(model);
        var targets = new Targets<float>(Values);
        var options = new TeleportOptions { Method = TeleportMethod.LevelSet, GradientNormSquaredCap = cap, LevelSet = new LevelSetOptions { Steps = 10, StepSize = rho } };
        TeleportReport report = new LevelSetTeleporter<float>(probe).Teleport(Inputs, targets, options);
        output.WriteLine($"{report}; trace [{string.Join(", ", report.GradNormSquaredTrace.ToArray())}]; {probe.Overflows} trial gradients overflowed");

        Assert.True(probe.Overflows > 0, "the line search never met a gradient that overflows: the test no longer tests the rule");
        Assert.All(report.GradNormSquaredTrace.ToArray(), value => Assert.True(double.IsFinite(value), $"trace holds {value}"));
        Assert.True(report.RejectedSteps >= probe.Overflows, $"{report.RejectedSteps} rejected trials, {probe.Overflows} overflowed");
        if (report.StopReason == TeleportStopReason.CapReached)
        {
            Assert.True(report.GradNormSquaredTrace[^1] > cap, "cap_reached by a value under the cap");
        }

        // The parameters end at a point the report describes, with a finite ‖∇L‖².
        var (loss, gradNormSquared) = model.Measure(Inputs, targets);
        Assert.Equal(report.LossAfter, loss);
        Assert.Equal(report.GradNormSquaredAfter, gradNormSquared);
        Assert.True(double.IsFinite(gradNormSquared));
    }

    [Fact]
    public void ALineSearchWhoseEveryTrialIsNotFiniteStopsNonFinite()
    {
        // ρ = 1e30 on an ordinary point: every trial of the search (down to ρ·β²⁴ ≈ 6e22) overflows. The search had read
        // them as Armijo failures and its recovery (ρ × β⁻⁵) searched on: "line_search_failed" 195 trials later, at the start.
        // As in the group ascent, the teleport stops for the last rejection's reason, where it was.
        var model = OverflowRegressor.With(0.5f, 0.1f, -0.7f, 0.2f);
        float[] start = model.Parameters.ToArray();
        float[] inputs = [1f, 2f, -1f];
        var targets = new Targets<float>([1f, -1f, 0.5f]);
        var options = new TeleportOptions { Method = TeleportMethod.LevelSet, LevelSet = new LevelSetOptions { StepSize = 1e30 } };
        TeleportReport report = new LevelSetTeleporter<float>(model).Teleport(inputs, targets, options);
        output.WriteLine(report.ToString());

        Assert.Equal(TeleportStopReason.NonFinite, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(options.LevelSet.MaxBacktracks, report.RejectedSteps);
        Assert.Equal(start, model.Parameters.ToArray());
        Assert.Equal(report.GradNormSquaredBefore, report.GradNormSquaredAfter);
        Assert.True(double.IsFinite(report.GradNormSquaredAfter));
    }
}
