using System;
using Teleport.LinearAlgebra;

namespace Teleport.MetaLearning;

/// <summary>
/// The learning-to-teleport task of the paper's Figure 6: a two-layer regression L(W) = ½‖Y − W₁σ(W₀X)‖²_F with
/// σ = LeakyReLU(0.1), column-per-sample (X is [size, size]: size features × size samples), every entry of X, Y and
/// the initial W₀, W₁ drawn from U[0, 1) by the task's seed (<see cref="TaskFamily.Paper"/>; <see cref="TaskFamily.Gaussian"/> draws X and Y
/// from N(0, 1) instead). The weights W = [vec W₀, vec W₁] (row-major) are the
/// inner optimisation's variables; X is square and invertible (generically), so the S3 action uses X⁺ = X⁻¹.
/// Scratch is owned by the task: its members allocate nothing and are not thread-safe.
/// </summary>
public sealed class RegressionTask
{
    /// <summary>The negative slope of σ = LeakyReLU(0.1).</summary>
    public const double Slope = 0.1;

    private readonly double[] _z;
    private readonly double[] _a;
    private readonly double[] _r;
    private readonly double[] _back;
    private readonly double[] _scratch;

    /// <summary>Draws task <paramref name="seed"/> of <paramref name="family"/>: X, Y and W₀, W₁ all [size, size].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 1, or its 2·size² weights are more than an
    /// array holds; an unknown <paramref name="family"/>.</exception>
    /// <exception cref="ArgumentException">The drawn X is not invertible.</exception>
    public RegressionTask(int size, int seed, TaskFamily family = TaskFamily.Paper)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "size must be at least 1.");
        // size² was an int product: past 46 340 it wrapped, and the weights' array failed with an OverflowException.
        if (2L * size * size > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A task of size {size} has 2·size² = {2L * size * size} weights, more than an array holds.");
        if (family is not (TaskFamily.Paper or TaskFamily.Gaussian)) throw new ArgumentOutOfRangeException(nameof(family), family, "The task family must be Paper or Gaussian.");
        Size = size;
        Seed = seed;
        Family = family;
        var random = new Random(seed);
        var s2 = size * size;
        Inputs = Draw(random, s2, family);
        Targets = Draw(random, s2, family);
        InitialWeights = Draw(random, 2 * s2, TaskFamily.Paper);
        var lu = (double[])Inputs.Clone();
        var pivots = new int[size];
        var result = LuDecomposition.Factor<double>(lu, size, pivots);
        if (!result.Succeeded) throw new ArgumentException($"The inputs X of task {seed} are not invertible: {result}.", nameof(seed));
        InputsInverse = new double[s2];
        LuDecomposition.Invert<double>(lu, pivots, size, InputsInverse);
        _z = new double[s2];
        _a = new double[s2];
        _r = new double[s2];
        _back = new double[s2];
        _scratch = new double[s2];
    }

    /// <summary>The side of every matrix: X, Y, W₀, W₁ are [size, size].</summary>
    public int Size { get; }

    public int Seed { get; }

    /// <summary>How X and Y were drawn.</summary>
    public TaskFamily Family { get; }

    /// <summary>Parameters of the inner problem: 2·size² (W₀ then W₁).</summary>
    public int ParameterCount => 2 * Size * Size;

    /// <summary>X [size features, size samples].</summary>
    public double[] Inputs { get; }

    /// <summary>X⁻¹.</summary>
    public double[] InputsInverse { get; }

    /// <summary>Y [size, size].</summary>
    public double[] Targets { get; }

    /// <summary>The task's starting point W = [vec W₀, vec W₁], entries U[0, 1).</summary>
    public double[] InitialWeights { get; }

    public static double Activation(double z) => z > 0 ? z : Slope * z;

    public static double ActivationDerivative(double z) => z > 0 ? 1 : Slope;

    public static double ActivationInverse(double y) => y > 0 ? y : y / Slope;

    public static double ActivationInverseDerivative(double y) => y > 0 ? 1 : 1 / Slope;

    /// <summary>
    /// L = ½‖R‖², R = W₁A − Y, A = σ(Z), Z = W₀X; ∂L/∂W₁ = R·Aᵀ, ∂L/∂W₀ = ((W₁ᵀR) ⊙ σ′(Z))·Xᵀ, written to
    /// <paramref name="gradient"/> in W's layout.
    /// </summary>
    public double LossAndGradient(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        var s = Size;
        var s2 = s * s;
        ModelArguments.CheckLength(weights.Length, 2L * s2, nameof(weights));
        ModelArguments.CheckLength(gradient.Length, 2L * s2, nameof(gradient));
        var loss = Forward(weights);
        SmallMatrix.MultiplyNT<double>(_r, _a, gradient.Slice(s2, s2), s, s, s);
        SmallMatrix.MultiplyTN<double>(weights.Slice(s2, s2), _r, _back, s, s, s);
        for (var i = 0; i < s2; i++) _back[i] *= ActivationDerivative(_z[i]);
        SmallMatrix.MultiplyNT<double>(_back, Inputs, gradient[..s2], s, s, s);
        return loss;
    }

    /// <summary>
    /// H·v, the Hessian-vector product of L (an R-operator pass; σ″ = 0 away from the kink): for v = [Ṽ, Ũ],
    /// Ż = ṼX, Ȧ = σ′(Z) ⊙ Ż, Ṙ = ŨA + W₁Ȧ; then (H·v)_{W₁} = ṘAᵀ + RȦᵀ and (H·v)_{W₀} = ((ŨᵀR + W₁ᵀṘ) ⊙ σ′(Z))·Xᵀ.
    /// A second-order meta-gradient needs it: there ∇L(W_e) is not detached, and its VJP is H·v (H is symmetric).
    /// </summary>
    public void HessianVectorProduct(ReadOnlySpan<double> weights, ReadOnlySpan<double> direction, Span<double> result)
    {
        var s = Size;
        var s2 = s * s;
        ModelArguments.CheckLength(direction.Length, 2L * s2, nameof(direction));
        ModelArguments.CheckLength(result.Length, 2L * s2, nameof(result));
        Forward(weights);
        var u = weights.Slice(s2, s2);
        var dV = direction[..s2];
        var dU = direction.Slice(s2, s2);
        var resultV = result[..s2];
        var resultU = result.Slice(s2, s2);
        // Ȧ = σ′(Z) ⊙ (ṼX), kept in resultV until it is needed there
        var aDot = _back;
        SmallMatrix.MultiplyNN<double>(dV, Inputs, aDot, s, s, s);
        for (var i = 0; i < s2; i++) aDot[i] *= ActivationDerivative(_z[i]);
        // Ṙ = ŨA + W₁Ȧ (in resultV)
        var rDot = resultV;
        SmallMatrix.MultiplyNN<double>(dU, _a, rDot, s, s, s);
        SmallMatrix.MultiplyNN<double>(u, aDot, _scratch, s, s, s);
        for (var i = 0; i < s2; i++) rDot[i] += _scratch[i];
        // (H·v)_{W₁} = ṘAᵀ + RȦᵀ
        SmallMatrix.MultiplyNT<double>(rDot, _a, resultU, s, s, s);
        SmallMatrix.MultiplyNT<double>(_r, aDot, _scratch, s, s, s);
        for (var i = 0; i < s2; i++) resultU[i] += _scratch[i];
        // (H·v)_{W₀} = ((ŨᵀR + W₁ᵀṘ) ⊙ σ′(Z))·Xᵀ
        SmallMatrix.MultiplyTN<double>(dU, _r, aDot, s, s, s);
        SmallMatrix.MultiplyTN<double>(u, rDot, _scratch, s, s, s);
        for (var i = 0; i < s2; i++) _scratch[i] = (_scratch[i] + aDot[i]) * ActivationDerivative(_z[i]);
        SmallMatrix.MultiplyNT<double>(_scratch, Inputs, resultV, s, s, s);
    }

    /// <summary>L = ½‖W₁σ(W₀X) − Y‖².</summary>
    public double Loss(ReadOnlySpan<double> weights)
    {
        ModelArguments.CheckLength(weights.Length, 2L * Size * Size, nameof(weights));
        return Forward(weights);
    }

    private double Forward(ReadOnlySpan<double> weights)
    {
        var s = Size;
        var s2 = s * s;
        SmallMatrix.MultiplyNN<double>(weights[..s2], Inputs, _z, s, s, s);
        for (var i = 0; i < s2; i++) _a[i] = Activation(_z[i]);
        SmallMatrix.MultiplyNN<double>(weights.Slice(s2, s2), _a, _r, s, s, s);
        double loss = 0;
        for (var i = 0; i < s2; i++)
        {
            _r[i] -= Targets[i];
            loss += _r[i] * _r[i];
        }
        return 0.5 * loss;
    }

    /// <summary>U[0, 1) entries (the paper), or standard normal ones by Box–Muller from the same stream.</summary>
    private static double[] Draw(Random random, int count, TaskFamily family)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = family == TaskFamily.Paper
                ? random.NextDouble()
                : Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        return values;
    }
}
