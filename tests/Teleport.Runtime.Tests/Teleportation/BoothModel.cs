using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// Booth's function L(x, y) = (x + 2y − 7)² + (2x + y − 5)² as a teleportable model (NeurIPS 2022):
/// with w = (u, v) = M·(x, y) − (7, 5), M = [[1, 2], [2, 1]], L = ‖w‖² is invariant under rotations
/// of w. The one-dimensional group SO(2) is declared as a width-1 diagonal symmetry: the element
/// g &gt; 0 rotates w by the angle ln g (ℝ&gt;0 under × is the universal cover of SO(2) via exp).
/// </summary>
/// <remarks>
/// ∇L = 2M·w, H = 2M², F = ‖∇L‖² = 4‖M·w‖², and along the orbit w → R(α)w,
/// ∂F/∂α = 8(M²w)·(J·w) = 32(u² − v²) with J the rotation generator. The inputs are ignored.
/// </remarks>
internal sealed class BoothModel : ITeleportable<double>
{
    private readonly double[] parameters;

    public BoothModel(double x, double y)
    {
        parameters = [x, y];
    }

    /// <summary>The point with w = r·(cos φ, sin φ), so L = r².</summary>
    public static BoothModel FromAngle(double radius, double angle)
    {
        double u = radius * Math.Cos(angle) + 7, v = radius * Math.Sin(angle) + 5;
        return new BoothModel((-u + 2 * v) / 3, (2 * u - v) / 3);
    }

    public NetworkInfo Info { get; } = new(
        "Booth", 1, 1, LossKind.MeanSquaredError, [],
        [new ParameterTensorInfo("x", [1], 0, 1), new ParameterTensorInfo("y", [1], 1, 1)],
        [new SymmetryInfo("SO2", SymmetryKind.Custom, SymmetryGroup.PositiveDiagonal, 0, 1, 1, 1, SymmetryInfo.AnyBatch, false,
            "SO(2) acting on (u, v), element g > 0 ↦ angle ln g", "any data", "(u, v) → R(ln g)·(u, v)", "∂F/∂α = 32(u² − v²)")]);

    public Span<double> Parameters => parameters;

    public double U => parameters[0] + 2 * parameters[1] - 7;

    public double V => 2 * parameters[0] + parameters[1] - 5;

    public double Loss(ReadOnlySpan<double> inputs, Targets<double> targets) => U * U + V * V;

    public double LossAndGradient(ReadOnlySpan<double> inputs, Targets<double> targets, Span<double> gradient)
    {
        double u = U, v = V;
        gradient[0] = 2 * u + 4 * v;
        gradient[1] = 4 * u + 2 * v;
        return u * u + v * v;
    }

    public void HessianVectorProduct(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<double> v, Span<double> result)
    {
        // H = 2M² = [[10, 8], [8, 10]]
        result[0] = 10 * v[0] + 8 * v[1];
        result[1] = 8 * v[0] + 10 * v[1];
    }

    public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => outputs[0] = Loss(inputs, default);

    private double[]? objectiveGradientScratch;

    public TeleportObjectiveValue<double> TeleportObjectiveGradient(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<bool> active, Span<double> gradient, Span<double> lieAlgebraGradient)
    {
        // An empty gradient span means the caller does not need ∇L (the teleporter); use scratch.
        if (gradient.IsEmpty) gradient = objectiveGradientScratch ??= new double[Parameters.Length];
        double loss = LossAndGradient(inputs, targets, gradient);
        if (active[0])
        {
            lieAlgebraGradient[0] = 32 * (U * U - V * V);
        }

        return new TeleportObjectiveValue<double>(loss, gradient[0] * gradient[0] + gradient[1] * gradient[1]);
    }

    public bool ApplyGroupAction(int symmetry, ReadOnlySpan<double> groupElement, ReadOnlySpan<double> inputs)
    {
        if (!(groupElement[0] > 0) || !double.IsFinite(groupElement[0]))
        {
            return false;
        }

        // w′ = R(α)·w, (x, y) = M⁻¹·(w′ + (7, 5)), M⁻¹ = [[−1, 2], [2, −1]]/3
        double angle = Math.Log(groupElement[0]), cos = Math.Cos(angle), sin = Math.Sin(angle);
        double u = cos * U - sin * V + 7, v = sin * U + cos * V + 5;
        parameters[0] = (-u + 2 * v) / 3;
        parameters[1] = (2 * u - v) / 3;
        return true;
    }

    public bool TransportCovector(int symmetry, ReadOnlySpan<double> groupElement, Span<double> covector, bool squared)
    {
        // The action's linear part is M⁻¹RM; a covector transforms by its inverse transpose M·R·M⁻¹.
        if (squared || !(groupElement[0] > 0))
        {
            return false;
        }

        double angle = Math.Log(groupElement[0]), cos = Math.Cos(angle), sin = Math.Sin(angle);
        double p = (-covector[0] + 2 * covector[1]) / 3, q = (2 * covector[0] - covector[1]) / 3;
        double rp = cos * p - sin * q, rq = sin * p + cos * q;
        covector[0] = rp + 2 * rq;
        covector[1] = 2 * rp + rq;
        return true;
    }
}
