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
        var options = Unclipped(rho, cap);
        TeleportReport report = new LevelSetTeleporter<float>(probe).Teleport(Inputs, targets, options);
        output.WriteLine($"{report}; trace [{string.Join(", ", report.GradNormSquaredTrace.ToArray())}]; {probe.Overflows} trial gradients overflowed");

        AssertOverflowsRejected(model, probe, report, Inputs, targets, cap);
    }

    /// <summary>
    /// The same in double, where ‖∇L‖² (summed in double) must pass 1.8e308. The float geometry scaled to double's range:
    /// x = 1e42, v = 1e4/x² = 1e-80, u = 10/x = 1e-41 (h = v·x = 1e-38, u·x = 10, r ≈ −200, L = 4e4, ‖∇L‖² ≈ 4r²·101 ≈ 1.6e7).
    /// s = H·g/‖g‖² is ruled by the bilinear ∂²L/∂u∂v = 2·r·x: s_u ≈ u·x²/101 ≈ 1e40, s_v ≈ h·x²/101 ≈ 99, so a step ρ puts
    /// u at ≈ 0.1·ρ·x and v·x at ≈ 99·ρ·x: r ≈ 9.8·ρ²·x², L ≈ 96·ρ⁴·x⁴, ∂L/∂v = 2·r·u·x ≈ 1.9·ρ³·x⁴, ‖∇L‖² ≈ 3.8·ρ⁶·x⁸.
    /// At ρ = 1e-3 the first trial has ‖∇L‖² ≈ 3.8e318 with L ≈ 1e158, at ρ = 0.1 3.8e330 with L ≈ 1e166; each backtrack
    /// divides ‖∇L‖² by 2⁶ and L by 2⁴, so 6 (ρ = 1e-3) or 13 (ρ = 0.1) trials overflow before one is finite — inside the 25
    /// backtracks. (The float test's x = 1e12 in double only reaches ‖∇L‖² ~ 1e78: nothing to reject.) Without the rule the
    /// first trial's merit ½·log ∞ = ∞ passes Armijo and ∞ enters the trace; with it, the finite trials then fail Armijo (its
    /// α·ρ·‖s‖²/2 with ‖s‖² ≈ 1e82 is out of reach of any log), and the teleport ends line_search_failed where it began.
    /// </summary>
    [Theory]
    [InlineData(1e-3, 1e300)]
    [InlineData(1e-3, double.PositiveInfinity)]
    [InlineData(0.1, 1e300)]
    [InlineData(0.1, double.PositiveInfinity)]
    public void ATrialWhoseGradientOverflowsDoubleIsRejected(double rho, double cap)
    {
        double[] inputs = [1e42];
        var model = OverflowRegressor.Float64With(1e-80, 0, 1e-41, 0);
        var probe = new OverflowProbe<double>(model);
        var targets = new Targets<double>([200.0]);
        var options = Unclipped(rho, cap);
        TeleportReport report = new LevelSetTeleporter<double>(probe).Teleport(inputs, targets, options);
        output.WriteLine($"{report}; trace [{string.Join(", ", report.GradNormSquaredTrace.ToArray())}]; {probe.Overflows} trial gradients overflowed");

        AssertOverflowsRejected(model, probe, report, inputs, targets, cap);
    }

    [Fact]
    public void ALineSearchWhoseEveryTrialIsNotFiniteStopsNonFinite()
    {
        // ρ = 1e30 on an ordinary point: every trial of the search (down to ρ·β²⁴ ≈ 6e22) overflows. The search had read
        // them as Armijo failures and its recovery (ρ × β⁻⁵) searched on: "line_search_failed" 195 trials later, at the start.
        // As in the group ascent, the teleport stops for the last rejection's reason, where it was. Without a trust radius:
        // with one, the search retries at it (LevelSetHugeStepTests).
        var model = OverflowRegressor.With(0.5f, 0.1f, -0.7f, 0.2f);
        float[] start = model.Parameters.ToArray();
        float[] inputs = [1f, 2f, -1f];
        var targets = new Targets<float>([1f, -1f, 0.5f]);
        var options = new TeleportOptions { Method = TeleportMethod.LevelSet, MaxStepNorm = double.PositiveInfinity, LevelSet = new LevelSetOptions { StepSize = 1e30 } };
        TeleportReport report = new LevelSetTeleporter<float>(model).Teleport(inputs, targets, options);
        AssertStoppedNonFiniteAtTheStart(model, start, report, options);
    }

    [Fact]
    public void ALineSearchWhoseEveryTrialIsNotFiniteInDoubleStopsNonFinite()
    {
        // The float case in double: a trial at ρ moves the parameters by ~ρ·|s| (|s| ~ 3 here), so y ~ u·v·x ~ ρ² and
        // L ~ ρ⁴, finite in double up to ρ ~ 1e77. ρ = 1e100 keeps every trial of the search (down to ρ·β²⁴ ≈ 6e92) beyond it
        // (no trust radius, as above).
        var model = OverflowRegressor.Float64With(0.5, 0.1, -0.7, 0.2);
        double[] start = model.Parameters.ToArray();
        double[] inputs = [1, 2, -1];
        var targets = new Targets<double>([1.0, -1.0, 0.5]);
        var options = new TeleportOptions { Method = TeleportMethod.LevelSet, MaxStepNorm = double.PositiveInfinity, LevelSet = new LevelSetOptions { StepSize = 1e100 } };
        TeleportReport report = new LevelSetTeleporter<double>(model).Teleport(inputs, targets, options);
        AssertStoppedNonFiniteAtTheStart(model, start, report, options);
    }

    /// <summary>
    /// ρ walked down ×β through the overflowing trials, without the trust radius: with it, the first trial that is not
    /// finite (its loss too, here) is retried at r·‖θ‖, which on these tiny weights skips every trial the rule is about.
    /// </summary>
    private static TeleportOptions Unclipped(double rho, double cap) =>
        new() { Method = TeleportMethod.LevelSet, GradientNormSquaredCap = cap, MaxStepNorm = double.PositiveInfinity, LevelSet = new LevelSetOptions { Steps = 10, StepSize = rho } };

    /// <summary>
    /// The probe met trials whose ‖∇L‖² overflows (else the test no longer tests the rule); each was rejected, the trace
    /// holds only finite values, and the parameters end at a point the report describes, with a finite ‖∇L‖².
    /// </summary>
    private static void AssertOverflowsRejected<T>(IDifferentiableModel<T> model, OverflowProbe<T> probe, TeleportReport report, ReadOnlySpan<T> inputs, Targets<T> targets, double cap)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.True(probe.Overflows > 0, $"the line search never met a ‖∇L‖² that overflows {typeof(T).Name}: the test no longer tests the rule");
        Assert.All(report.GradNormSquaredTrace.ToArray(), value => Assert.True(double.IsFinite(value), $"trace holds {value}"));
        Assert.True(report.RejectedSteps >= probe.Overflows, $"{report.RejectedSteps} rejected trials, {probe.Overflows} overflowed");
        if (report.StopReason == TeleportStopReason.CapReached)
        {
            Assert.True(report.GradNormSquaredTrace[^1] > cap, "cap_reached by a value under the cap");
        }

        var (loss, gradNormSquared) = OverflowRegressor.Measure(model, inputs, targets);
        Assert.Equal(report.LossAfter, loss);
        Assert.Equal(report.GradNormSquaredAfter, gradNormSquared);
        Assert.True(double.IsFinite(gradNormSquared));
    }

    /// <summary>Every trial was rejected as not finite: the teleport stopped where it started, for that reason.</summary>
    private void AssertStoppedNonFiniteAtTheStart<T>(IDifferentiableModel<T> model, T[] start, TeleportReport report, TeleportOptions options)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        output.WriteLine(report.ToString());
        Assert.Equal(TeleportStopReason.NonFinite, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(options.LevelSet.MaxBacktracks, report.RejectedSteps);
        Assert.Equal(start, model.Parameters.ToArray());
        Assert.Equal(report.GradNormSquaredBefore, report.GradNormSquaredAfter);
        Assert.True(double.IsFinite(report.GradNormSquaredAfter));
    }
}
