using System;
using System.Collections.Generic;
using System.Numerics;
using Teleport.Data;
using Teleport.Teleportation;

namespace Teleport.Geometry;

/// <summary>
/// ψ, the paper's orbit-curvature metric (Zhao et al. 2024, Eq. 5; generalization-and-meta-learning.md A3): the mean,
/// over curves, of κ = √(‖γ′‖²‖γ″‖² − ⟨γ′,γ″⟩²)/‖γ′‖³ of γ(t) = exp(tM)·w, where each curve has its own batch of
/// samples and its own generator: on every hidden layer m, M_m ~ U[0,1)^{k×k} scaled to ‖M_m‖_F = 1, all pairs moved
/// at once. γ′ and γ″ come from the model's generated <see cref="IOrbitDerivatives{T}.OrbitDerivatives"/>; the paper's
/// mode uses S3 with σ″ = 0 and per-pair sums of γ″ (the authors' code, taken as the definition), the exact mode the
/// derivatives of the composed curve.
/// </summary>
/// <remarks>
/// Batches are consecutive slices of the samples given (fewer samples than a batch make one batch of all); the
/// generator of curve c of a measurement with seed s is drawn from <see cref="SeededRandom"/>(s, c). The paper's
/// code divides by σ′(Z) = 0 at Z = 0; the generated (σ⁻¹)′ = 1/σ′ follows the activation's formula there (for
/// leaky_relu(0.1), <c>z &gt; 0 ? 1 : 10</c>: the 0.1 branch). Allocation-free after the first call.
/// </remarks>
public sealed class OrbitCurvature<T> : IOrbitCurvatureMeasure<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IOrbitDerivatives<T> _model;
    private readonly bool[] _active;
    private readonly (int Offset, int Width)[] _blocks;
    private readonly T[] _generator;
    private readonly T[] _first;
    private readonly T[] _second;
    private readonly SeededRandom _random = new(0);

    /// <summary>ψ of <paramref name="model"/> along its <see cref="OrbitCurvatureOptions.Symmetry"/> on every hidden layer.</summary>
    /// <exception cref="ArgumentException">A hidden layer has no such symmetry (one line naming it).</exception>
    public OrbitCurvature(IOrbitDerivatives<T> model, OrbitCurvatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Options = options ?? OrbitCurvatureOptions.Paper;
        Options.Validate();
        _model = model;
        var info = model.Info;
        var symmetries = info.Symmetries;
        if (info.Layers.Count < 2)
            throw new ArgumentException($"ψ needs a hidden layer: {info.Name} has {info.Layers.Count} layer.", nameof(model));
        _active = new bool[symmetries.Count];
        var blocks = new List<(int, int)>();
        var dimension = 0;
        for (var layer = 0; layer < info.Layers.Count - 1; layer++)
        {
            var found = -1;
            var offset = 0;
            for (var s = 0; s < symmetries.Count; s++)
            {
                if (found < 0 && symmetries[s].Layer == layer && symmetries[s].Id == Options.Symmetry)
                {
                    found = s;
                    blocks.Add((offset, symmetries[s].Width));
                }
                offset += symmetries[s].Dimension;
            }
            if (found < 0)
                throw new ArgumentException($"ψ ({Options.Symmetry} on every hidden layer): hidden layer {layer} of {info.Name} has no {Options.Symmetry} symmetry.", nameof(model));
            if (symmetries[found].IsDiagonal)
                throw new ArgumentException($"ψ draws k×k generators: {Options.Symmetry} on hidden layer {layer} of {info.Name} is a diagonal group.", nameof(model));
            _active[found] = true;
        }
        foreach (var s in symmetries) dimension += s.Dimension;
        _blocks = blocks.ToArray();
        _generator = new T[dimension];
        _first = new T[info.ParameterCount];
        _second = new T[info.ParameterCount];
    }

    public OrbitCurvatureOptions Options { get; }

    /// <inheritdoc/>
    public string Name => $"psi_{Options.Symmetry.ToLowerInvariant()}_{Options.ModeName}";

    /// <summary>Curves of the last <see cref="Measure"/>.</summary>
    public int Curves { get; private set; }

    /// <summary>Curves skipped in the last <see cref="Measure"/> because the model refused the derivatives (a singular Gram matrix).</summary>
    public int Refused { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Every curve was refused.</exception>
    public double Measure(ReadOnlySpan<T> inputs, long seed)
    {
        var d = _model.Info.InputSize;
        var n = ModelArguments.BatchSize(inputs.Length, d);
        var batch = Math.Min(Options.BatchSize, n);
        double sum = 0;
        int curve = 0, used = 0;
        for (var start = 0; start + batch <= n; start += batch)
        {
            for (var c = 0; c < Options.CurvesPerBatch; c++, curve++)
            {
                var kappa = Kappa(inputs.Slice(start * d, batch * d), seed, curve);
                if (double.IsNaN(kappa)) continue;
                sum += kappa;
                used++;
            }
        }
        Curves = used;
        Refused = curve - used;
        if (used == 0) throw new InvalidOperationException($"ψ: the model refused all {curve} orbit curves (singular Gram matrices on every batch).");
        return sum / used;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// κ of one curve: the generator of curve <paramref name="curve"/> for <paramref name="seed"/> on the batch
    /// <paramref name="batch"/> ([n, InputSize]); NaN when the model refuses (a singular Gram matrix).
    /// </remarks>
    public double Kappa(ReadOnlySpan<T> batch, long seed, int curve)
    {
        DrawGenerator(seed, curve);
        return _model.OrbitDerivatives(_active, _generator, batch, Options.Mode, _first, _second, default)
            ? CurveCurvature.Kappa<T>(_first, _second)
            : double.NaN;
    }

    /// <summary>
    /// ψ for <paramref name="model"/> if it has generated orbit derivatives and the symmetry on every hidden layer —
    /// measured on its double twin (<see cref="WidenedOrbitCurvature{T}"/>) when it is not double and has one —
    /// otherwise null and, in <paramref name="reason"/>, why (for records).
    /// </summary>
    public static IOrbitCurvatureMeasure<T>? TryCreate(IDifferentiableModel<T> model, OrbitCurvatureOptions options, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        reason = null;
        if (typeof(T) != typeof(double) && model is IHasFloat64Twin source)
        {
            try
            {
                return new WidenedOrbitCurvature<T>(model, source.CreateFloat64Twin(), options);
            }
            catch (ArgumentException e)
            {
                reason = "not computed: " + e.Message.Split(" (Parameter")[0];
                return null;
            }
        }
        if (model is not IOrbitDerivatives<T> orbits)
        {
            reason = $"not computed: {model.Info.Name} does not implement IOrbitDerivatives (orbit derivatives are generated for [Network] classes)";
            return null;
        }
        try
        {
            return new OrbitCurvature<T>(orbits, options);
        }
        catch (ArgumentException e)
        {
            reason = "not computed: " + e.Message.Split(" (Parameter")[0];
            return null;
        }
    }

    /// <summary>The generator of curve <paramref name="curve"/> for <paramref name="seed"/> (read-only view, valid until the next call).</summary>
    public ReadOnlySpan<T> Generator(long seed, int curve)
    {
        DrawGenerator(seed, curve);
        return _generator;
    }

    /// <summary>M_m ~ U[0,1)^{k×k}, ‖M_m‖_F = 1, on each followed block; zero elsewhere.</summary>
    private void DrawGenerator(long seed, int curve)
    {
        _random.Reset(seed, curve);
        Array.Clear(_generator);
        foreach (var (offset, width) in _blocks)
        {
            var block = _generator.AsSpan(offset, width * width);
            double norm = 0;
            for (var i = 0; i < block.Length; i++)
            {
                var x = _random.NextDouble();
                block[i] = T.CreateTruncating(x);
                norm += x * x;
            }
            var scale = T.CreateTruncating(1 / Math.Sqrt(norm));
            for (var i = 0; i < block.Length; i++) block[i] *= scale;
        }
    }
}
