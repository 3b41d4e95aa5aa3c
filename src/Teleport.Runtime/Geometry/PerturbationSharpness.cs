using System;
using System.Threading;
using System.Numerics;
using Teleport.Data;

namespace Teleport.Geometry;

/// <summary>
/// Sharpness as the mean loss at randomly perturbed parameters: the paper's φ (Zhao et al. 2024, Eq. 4 as
/// implemented in correlation.py), φ with Gaussian directions, and average-case adaptive sharpness
/// (<see cref="PerturbationKind"/>). Deterministic per seed; allocation-free after construction.
/// </summary>
/// <remarks>
/// <para>
/// For each batch, in order, and each radius t of <see cref="SharpnessOptions.Radii"/>, in order, and each of the
/// <see cref="SharpnessOptions.DirectionsPerRadius"/> directions: draw d (P values, <see cref="DrawDirection"/>) from
/// one <see cref="SeededRandom"/>(seed) stream, evaluate the batch loss at w + t·d/‖d‖ (adaptive: w + t·|w| ⊙ d), and
/// average. The unperturbed loss of each batch is averaged too, so the increase is reported as well.
/// </para>
/// <para>
/// The paper: 200 training batches of 200 samples, 20 radii (<see cref="SharpnessRadii"/>), one U[0, 1)^P
/// direction per (batch, radius) — 4 000 losses — and φ = their mean / 200. Its radii are so small on
/// Fashion-MNIST (≤ 0.0191 over 12 804 weights) that φ is essentially the training loss / 200; the increase
/// shows how much is curvature.
/// </para>
/// <para>Usage: <see cref="Begin"/>, <see cref="AddBatch"/> per batch, <see cref="End"/> (which restores the parameters); or <see cref="Measure"/> on consecutive batches of contiguous data.</para>
/// </remarks>
public sealed class PerturbationSharpness<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IDifferentiableModel<T> _model;
    private readonly T[] _saved;
    private readonly double[] _direction;
    private readonly double[] _increaseByRadius = new double[64];
    private readonly SeededRandom _random = new(0);
    private SharpnessOptions? _options;
    private double _perturbedSum, _lossSum;
    private int _batches, _evaluations;

    // Between Begin and End: AddBatch and End accumulate into, then divide, the sums, so each may run only inside.
    private bool _open;

    /// <summary>Measures <paramref name="model"/> around its current parameters.</summary>
    public PerturbationSharpness(IDifferentiableModel<T> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _saved = new T[model.Info.ParameterCount];
        _direction = new double[model.Info.ParameterCount];
    }

    /// <summary>After <see cref="End"/>: the mean loss increase at each radius (in the order of the radii).</summary>
    public ReadOnlySpan<double> MeanIncreaseByRadius => _increaseByRadius.AsSpan(0, _options?.Radii.Count ?? 0);

    /// <summary>Starts a measurement at the model's current parameters (which it saves) with a fresh stream of <paramref name="seed"/>.</summary>
    public void Begin(SharpnessOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Radii.Count > _increaseByRadius.Length)
            throw new ArgumentException($"SharpnessOptions.Radii has {options.Radii.Count} radii; at most {_increaseByRadius.Length} are supported.", nameof(options));
        _options = options;
        _model.Parameters.CopyTo(_saved);
        _random.Reset(seed, 0);
        _perturbedSum = _lossSum = 0;
        _batches = _evaluations = 0;
        Array.Clear(_increaseByRadius);
        _open = true;
    }

    /// <summary>Evaluates one batch at the saved parameters and at every (radius, direction) perturbation of it.</summary>
    /// <exception cref="InvalidOperationException">No measurement is open (<see cref="Begin"/> not called, or <see cref="End"/> called since).</exception>
    public void AddBatch(ReadOnlySpan<T> inputs, Targets<T> targets)
    {
        var options = _open ? _options! : throw new InvalidOperationException("Call Begin before AddBatch (End closes a measurement).");
        var parameters = _model.Parameters;
        try
        {
            _saved.CopyTo(parameters);
            var loss = double.CreateTruncating(_model.Loss(inputs, targets));
            _lossSum += loss;
            for (var r = 0; r < options.Radii.Count; r++)
            {
                var radius = options.Radii[r];
                for (var k = 0; k < options.DirectionsPerRadius; k++)
                {
                    DrawDirection(_random, options.Kind, _direction);
                    Perturb(options.Kind, radius, parameters);
                    var perturbed = double.CreateTruncating(_model.Loss(inputs, targets));
                    _perturbedSum += perturbed;
                    _increaseByRadius[r] += perturbed - loss;
                    _evaluations++;
                }
            }
            _batches++;
        }
        finally
        {
            _saved.CopyTo(parameters);
        }
    }

    /// <summary>Ends the measurement: restores the parameters and returns the means.</summary>
    /// <exception cref="InvalidOperationException">No measurement is open (a second End divided the sums again), or no batch was added.</exception>
    public SharpnessResult End()
    {
        var options = _open ? _options! : throw new InvalidOperationException("Call Begin before End (each measurement ends once).");
        _saved.CopyTo(_model.Parameters);
        if (_batches == 0) throw new InvalidOperationException("No batch was added: a sharpness measurement needs at least one.");
        _open = false;
        var perRadius = (double)_batches * options.DirectionsPerRadius;
        for (var r = 0; r < options.Radii.Count; r++) _increaseByRadius[r] /= perRadius;
        var meanPerturbed = _perturbedSum / _evaluations;
        return new SharpnessResult(meanPerturbed, _lossSum / _batches, meanPerturbed / options.BatchSize, _batches, _evaluations);
    }

    /// <summary>
    /// Measures on contiguous samples split into consecutive batches of <see cref="SharpnessOptions.BatchSize"/>
    /// (a remainder smaller than a batch is left out; fewer samples than a batch make one batch of them all).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled between two batches (the parameters are those measured).</exception>
    public SharpnessResult Measure(ReadOnlySpan<T> inputs, Targets<T> targets, SharpnessOptions options, long seed, CancellationToken cancellation = default)
    {
        var d = _model.Info.InputSize;
        var n = ModelArguments.BatchSize(inputs.Length, d, targets, _model.Info.OutputSize);
        Begin(options, seed);
        var batch = Math.Min(options.BatchSize, n);
        for (var start = 0; start + batch <= n; start += batch)
        {
            cancellation.ThrowIfCancellationRequested(); // AddBatch has restored the parameters
            AddBatch(inputs.Slice(start * d, batch * d), targets.Slice(start, batch, _model.Info.OutputSize));
        }
        return End();
    }

    /// <summary>The samples <see cref="Measure"/> uses out of <paramref name="samples"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null (it was a NullReferenceException).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is negative (it was returned as the count used).</exception>
    public static int SamplesUsed(int samples, SharpnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        return samples < options.BatchSize ? samples : samples / options.BatchSize * options.BatchSize;
    }

    /// <summary>
    /// Draws one direction from <paramref name="random"/>: U[0, 1) entries (<see cref="SeededRandom.NextDouble"/>) for
    /// <see cref="PerturbationKind.UniformPositive"/>; otherwise standard normal entries by Box–Muller using both
    /// outputs of each pair of uniforms u₁, u₂ (entries 2j and 2j + 1 are √(−2 ln(1 − u₁))·cos 2πu₂ and ·sin 2πu₂) —
    /// half the logarithms of <see cref="SeededRandom.Normal()"/>, which dominate the cost for P in the tens of thousands.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a <see cref="PerturbationKind"/> (it drew Gaussian entries).</exception>
    public static void DrawDirection(SeededRandom random, PerturbationKind kind, Span<double> direction)
    {
        ArgumentNullException.ThrowIfNull(random);
        // (a range check, not Enum.IsDefined, which may allocate: see SharpnessOptions.Validate)
        if (kind is < PerturbationKind.UniformPositive or > PerturbationKind.AdaptiveGaussian)
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "The perturbation kind must be UniformPositive, Gaussian or AdaptiveGaussian.");
        if (kind == PerturbationKind.UniformPositive)
        {
            for (var i = 0; i < direction.Length; i++) direction[i] = random.NextDouble();
            return;
        }
        for (var i = 0; i < direction.Length; i += 2)
        {
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            var (sin, cos) = Math.SinCos(2.0 * Math.PI * random.NextDouble());
            direction[i] = radius * cos;
            if (i + 1 < direction.Length) direction[i + 1] = radius * sin;
        }
    }

    /// <summary>parameters = w + t·d/‖d‖, or w + t·|w| ⊙ d for the adaptive kind (computed in double, rounded once).</summary>
    private void Perturb(PerturbationKind kind, double radius, Span<T> parameters)
    {
        if (kind == PerturbationKind.AdaptiveGaussian)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var w = double.CreateTruncating(_saved[i]);
                parameters[i] = T.CreateTruncating(w + radius * Math.Abs(w) * _direction[i]);
            }
            return;
        }
        double squares = 0;
        foreach (var value in _direction) squares += value * value;
        var scale = radius / Math.Sqrt(squares);
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = T.CreateTruncating(double.CreateTruncating(_saved[i]) + scale * _direction[i]);
    }
}
