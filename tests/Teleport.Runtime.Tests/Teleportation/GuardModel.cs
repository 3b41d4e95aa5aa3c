using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>What the guard model's action does wrong once |ln g| exceeds its threshold.</summary>
public enum GuardFault
{
    /// <summary>Nothing: the action is exact.</summary>
    None,

    /// <summary>a is scaled by an extra factor, so the loss drifts.</summary>
    Drift,

    /// <summary>a becomes NaN.</summary>
    NotFinite,

    /// <summary>The action refuses (returns false).</summary>
    Refuse,

    /// <summary>The action refuses as one that would leave σ's range (<see cref="GroupActionResult.OutsideActivationRange"/>).</summary>
    OutsideRange,
}

/// <summary>
/// L(a, b) = (a·b − 1)² with the scaling symmetry a → g·a, b → b/g (a width-1 diagonal group), whose
/// ‖∇L‖² = 4(ab − 1)²(a² + b²) grows without bound along the orbit. The action misbehaves
/// (<see cref="GuardFault"/>) when |ln g| &gt; <see cref="Threshold"/>, to exercise the teleporter's guards.
/// </summary>
internal sealed class GuardModel(double a, double b, GuardFault fault, double threshold, double driftFactor = 1.01) : ITeleportable<double>
{
    private readonly double[] parameters = [a, b];

    public double Threshold => threshold;

    public int Actions { get; private set; }

    public NetworkInfo Info { get; } = new(
        "Guard", 1, 1, LossKind.MeanSquaredError, [],
        [new ParameterTensorInfo("a", [1], 0, 1), new ParameterTensorInfo("b", [1], 1, 1)],
        [new SymmetryInfo("S2", SymmetryKind.Diagonal, SymmetryGroup.PositiveDiagonal, 0, 1, 1, 1, SymmetryInfo.AnyBatch, false,
            "(ℝ>0, ×)", "any data", "a → g·a, b → b/g", "8(ab − 1)²(a² − b²)")]);

    public Span<double> Parameters => parameters;

    public double Loss(ReadOnlySpan<double> inputs, Targets<double> targets)
    {
        double r = parameters[0] * parameters[1] - 1;
        return r * r;
    }

    public double LossAndGradient(ReadOnlySpan<double> inputs, Targets<double> targets, Span<double> gradient)
    {
        double r = parameters[0] * parameters[1] - 1;
        gradient[0] = 2 * r * parameters[1];
        gradient[1] = 2 * r * parameters[0];
        return r * r;
    }

    public void HessianVectorProduct(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<double> v, Span<double> result)
    {
        double a = parameters[0], b = parameters[1], r = a * b - 1;
        result[0] = 2 * b * b * v[0] + (2 * r + 2 * a * b) * v[1];
        result[1] = (2 * r + 2 * a * b) * v[0] + 2 * a * a * v[1];
    }

    public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => outputs[0] = parameters[0] * parameters[1];

    private double[]? objectiveGradientScratch;

    public TeleportObjectiveValue<double> TeleportObjectiveGradient(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<bool> active, Span<double> gradient, Span<double> lieAlgebraGradient)
    {
        // An empty gradient span means the caller does not need ∇L (the teleporter); use scratch.
        if (gradient.IsEmpty) gradient = objectiveGradientScratch ??= new double[Parameters.Length];
        double loss = LossAndGradient(inputs, targets, gradient);
        double a = parameters[0], b = parameters[1];
        if (active[0])
        {
            lieAlgebraGradient[0] = 8 * loss * (a * a - b * b);
        }

        return new TeleportObjectiveValue<double>(loss, gradient[0] * gradient[0] + gradient[1] * gradient[1]);
    }

    public bool ApplyGroupAction(int symmetry, ReadOnlySpan<double> groupElement, ReadOnlySpan<double> inputs)
    {
        Actions++;
        double g = groupElement[0];
        bool faulty = Math.Abs(Math.Log(g)) > threshold;
        if (faulty && fault == GuardFault.Refuse)
        {
            return false;
        }

        parameters[0] *= g;
        parameters[1] /= g;
        if (faulty && fault == GuardFault.Drift)
        {
            parameters[0] *= driftFactor;
        }
        else if (faulty && fault == GuardFault.NotFinite)
        {
            parameters[0] = double.NaN;
        }

        return true;
    }

    public GroupActionResult ApplyGroupActionWithinDomain(int symmetry, Span<double> groupElement, ReadOnlySpan<double> inputs)
    {
        if (fault == GuardFault.OutsideRange && Math.Abs(Math.Log(groupElement[0])) > threshold)
        {
            Actions++;
            return GroupActionResult.OutsideActivationRange;
        }

        return ApplyGroupAction(symmetry, groupElement, inputs) ? GroupActionResult.Applied : GroupActionResult.Undefined;
    }

    public bool TransportCovector(int symmetry, ReadOnlySpan<double> groupElement, Span<double> covector, bool squared)
    {
        double g = squared ? groupElement[0] * groupElement[0] : groupElement[0];
        covector[0] /= g;
        covector[1] *= g;
        return true;
    }
}
