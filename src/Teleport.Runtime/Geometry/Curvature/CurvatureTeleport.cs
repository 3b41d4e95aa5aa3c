using System;
using System.Numerics;
using Teleport.Data;
using Teleport.Teleportation;

namespace Teleport.Geometry;

/// <summary>One curvature teleport (<see cref="CurvatureTeleport{T}.Step"/>): κ along M before and after, the step, and the loss drift.</summary>
/// <param name="Kappa">κ of the orbit curve exp(sM)·w at s = 0, before.</param>
/// <param name="KappaDerivative">κ′(0) in closed form (<see cref="CurveCurvature.KappaAndDerivative{T}"/>).</param>
/// <param name="Step">t = ±η·κ′(0), the group element applied being exp(tM).</param>
/// <param name="KappaAfter">κ of the curve exp(sM)·w′ through the new point, along the same M.</param>
/// <param name="LossBefore">The loss on the teleport batch before.</param>
/// <param name="LossAfter">The loss on the teleport batch after (S4 is exact only for batches of at most k samples).</param>
/// <param name="Applied">False when the action refused the element (the parameters are then unchanged).</param>
public sealed record CurvatureTeleportStep(double Kappa, double KappaDerivative, double Step, double KappaAfter, double LossBefore, double LossAfter, bool Applied);

/// <summary>
/// The paper's curvature teleport (Zhao et al. 2024, Figure 4; the authors' <c>teleport_curvature</c>,
/// generalization-and-meta-learning.md A5): one symmetry on one hidden layer (the paper: S4 on layer 1), a fresh
/// generator M ~ U[0,1)^{k×k} per call (not normalised, as the code), one scalar step t = ±η·κ′(0) along the orbit
/// curve γ(t) = exp(tM)·w, then the action with g = exp(tM). κ′(0) is the closed form from the generated γ′, γ″, γ‴ —
/// no finite differences, no loss derivatives.
/// </summary>
/// <remarks>
/// κ after the step is measured along the same M through the new point; it is κ(t) of the original curve only when the
/// action composes as a group action (S1, S2; S3 within its exact limit; S4 at n = k), so for S4 on n &lt; k samples the
/// change differs from t·κ′ at first order. The loss on the teleport batch is recorded before and after: S4 keeps it
/// exactly only for n ≤ k. Allocates nothing after the first call except the returned record.
/// </remarks>
public sealed class CurvatureTeleport<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ITeleportable<T> _model;
    private readonly IOrbitDerivatives<T> _orbits;
    private readonly int _symmetry;
    private readonly int _offset;
    private readonly int _width;
    private readonly bool[] _active;
    private readonly T[] _generator;
    private readonly T[] _scaled;
    private readonly T[] _element;
    private readonly T[] _workspace;
    private readonly int[] _pivots;
    private readonly T[] _first;
    private readonly T[] _second;
    private readonly T[] _third;
    private readonly SeededRandom _random = new(0);

    /// <summary>Teleports <paramref name="model"/> along symmetry <paramref name="id"/> of hidden layer <paramref name="layer"/>.</summary>
    /// <exception cref="ArgumentException">No such symmetry, or it is a diagonal group (one line naming it).</exception>
    public CurvatureTeleport(IOrbitDerivatives<T> model, string id = "S4", int layer = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _orbits = model;
        var symmetries = model.Info.Symmetries;
        _symmetry = -1;
        var offset = 0;
        for (var s = 0; s < symmetries.Count; s++)
        {
            if (_symmetry < 0 && symmetries[s].Id == id && symmetries[s].Layer == layer)
            {
                _symmetry = s;
                _offset = offset;
            }
            offset += symmetries[s].Dimension;
        }
        if (_symmetry < 0)
            throw new ArgumentException($"Curvature teleport: {model.Info.Name} has no {id} symmetry on hidden layer {layer}.", nameof(id));
        if (symmetries[_symmetry].IsDiagonal)
            throw new ArgumentException($"Curvature teleport: {id} on hidden layer {layer} of {model.Info.Name} is a diagonal group; the paper's step draws k×k generators.", nameof(id));
        _width = symmetries[_symmetry].Width;
        _active = new bool[symmetries.Count];
        _active[_symmetry] = true;
        _generator = new T[offset];
        _scaled = new T[_width * _width];
        _element = new T[_width * _width];
        _workspace = new T[GroupElements.WorkspaceLength(_width)];
        _pivots = new int[_width];
        _first = new T[model.Info.ParameterCount];
        _second = new T[model.Info.ParameterCount];
        _third = new T[model.Info.ParameterCount];
    }

    /// <summary>
    /// One teleport on the batch (<paramref name="inputs"/>, <paramref name="targets"/>): M from
    /// <see cref="SeededRandom"/>(<paramref name="seed"/>, <paramref name="call"/>), t = ±<paramref name="rate"/>·κ′(0)
    /// (+ to raise κ), g = exp(tM). Returns null when the orbit derivatives are refused (nothing changes).
    /// </summary>
    public CurvatureTeleportStep? Step(ReadOnlySpan<T> inputs, Targets<T> targets, double rate, bool increase, long seed, int call)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        _random.Reset(seed, call);
        var block = _generator.AsSpan(_offset, _width * _width);
        for (var i = 0; i < block.Length; i++) block[i] = T.CreateTruncating(_random.NextDouble());
        if (!_orbits.OrbitDerivatives(_active, _generator, inputs, OrbitDerivativeMode.Exact, _first, _second, _third)) return null;
        var (kappa, derivative) = CurveCurvature.KappaAndDerivative<T>(_first, _second, _third);
        var lossBefore = double.CreateTruncating(_model.Loss(inputs, targets));
        var t = (increase ? rate : -rate) * derivative;
        for (var i = 0; i < block.Length; i++) _scaled[i] = block[i] * T.CreateTruncating(t);
        var applied = GroupElements.TryMap(GroupElementMap.Exponential, _scaled, _element, _width, _workspace, _pivots)
            && _model.ApplyGroupAction(_symmetry, _element, inputs);
        var after = kappa;
        if (applied && _orbits.OrbitDerivatives(_active, _generator, inputs, OrbitDerivativeMode.Exact, _first, _second, default))
            after = CurveCurvature.Kappa<T>(_first, _second);
        var lossAfter = double.CreateTruncating(_model.Loss(inputs, targets));
        return new CurvatureTeleportStep(kappa, derivative, t, after, lossBefore, lossAfter, applied);
    }
}
