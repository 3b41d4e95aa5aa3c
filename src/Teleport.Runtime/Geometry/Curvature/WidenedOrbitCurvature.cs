using System;
using System.Numerics;
using Teleport.Teleportation;

namespace Teleport.Geometry;

/// <summary>
/// ψ of a float (or other non-double) model measured on its double twin (<see cref="IHasFloat64Twin"/>): the
/// parameters and the batch are widened before each measurement. The S3 curves solve Gram systems of the batch
/// (n×n of a 200-image batch in 784 dimensions), which float's ridge √ε·mean(diag) cannot resolve: on the trained
/// paper network float ψ came out 0.0017 against 0.00071 in double (and 0.00071 from PyTorch's pinv).
/// </summary>
public sealed class WidenedOrbitCurvature<T> : IOrbitCurvatureMeasure<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IDifferentiableModel<T> _source;
    private readonly IDifferentiableModel<double> _twin;
    private readonly OrbitCurvature<double> _inner;
    private double[] _inputs = [];

    /// <summary>ψ of <paramref name="source"/> through <paramref name="twin"/> (a double model of the same network with orbit derivatives).</summary>
    /// <exception cref="ArgumentException"><paramref name="twin"/> has no orbit derivatives or is not the same network as <paramref name="source"/>.</exception>
    public WidenedOrbitCurvature(IDifferentiableModel<T> source, IDifferentiableModel<double> twin, OrbitCurvatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(twin);
        if (twin is not IOrbitDerivatives<double> orbits)
            throw new ArgumentException($"The double twin of {source.Info.Name} has no orbit derivatives.", nameof(twin));
        if (twin.Parameters.Length != source.Parameters.Length)
            throw new ArgumentException($"The double twin has {twin.Parameters.Length} parameters, {source.Info.Name} has {source.Parameters.Length}.", nameof(twin));
        if (NetworkMatch.Difference(source.Info, twin.Info) is { } difference)
            throw new ArgumentException($"The double twin is not {source.Info.Name}: it has {difference}.", nameof(twin));
        _source = source;
        _twin = twin;
        _inner = new OrbitCurvature<double>(orbits, options);
    }

    /// <inheritdoc/>
    public string Name => _inner.Name;

    /// <inheritdoc/>
    public double Measure(ReadOnlySpan<T> inputs, long seed) => _inner.Measure(Widen(inputs), seed);

    /// <inheritdoc/>
    public double Kappa(ReadOnlySpan<T> batch, long seed, int curve) => _inner.Kappa(Widen(batch), seed, curve);

    private ReadOnlySpan<double> Widen(ReadOnlySpan<T> inputs)
    {
        var parameters = _source.Parameters;
        var twin = _twin.Parameters;
        for (var i = 0; i < parameters.Length; i++) twin[i] = double.CreateTruncating(parameters[i]);
        if (_inputs.Length < inputs.Length) _inputs = new double[inputs.Length];
        var wide = _inputs.AsSpan(0, inputs.Length);
        for (var i = 0; i < inputs.Length; i++) wide[i] = double.CreateTruncating(inputs[i]);
        return wide;
    }
}
