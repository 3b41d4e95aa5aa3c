using System;
using System.Globalization;

namespace Teleport.Data;

/// <summary>
/// The multi-layer regression of Zhao et al., <i>Symmetry Teleportation for Accelerated Optimization</i>
/// (NeurIPS 2022), §6 and their <c>multi_layer_regression.py</c>: a bias-free network
/// h₀ = X, hᵢ = σ(Wᵢ hᵢ₋₁) with σ = LeakyReLU(0.1) on hidden layers and a linear last layer, fitted to
/// targets Y. Inputs, targets and the initial weights are all drawn i.i.d. uniform on [0, 1)
/// (<c>torch.rand</c>); this is an optimisation benchmark: there is no test set.
/// </summary>
/// <remarks>
/// <para>The authors write <c>dim = [4, 5, 6, 7, 8]</c>: dim[0] = 4 is the number of samples, and
/// X is 5×4 (features × samples), W₁ 6×5, W₂ 7×6, W₃ 8×7, Y 8×4. Here that is
/// <c>Create(dims: [5, 6, 7, 8], samples: 4, seed)</c> (<see cref="PaperDims"/>, <see cref="PaperSamples"/>),
/// in our row-major layout: inputs [samples, dims[0]], targets [samples, dims[^1]].</para>
/// <para>The authors' loss is ½‖Y − W₃σ(W₂σ(W₁X))‖²_F, a sum; the runtime's mean squared error is
/// the mean over samples × outputs, so L_paper = <see cref="PaperLossScale"/> × MSE (= 16 × MSE for the
/// paper's sizes), and their learning rate η corresponds to η × PaperLossScale with MSE.</para>
/// <para>Draws come from separate streams of <c>seed</c> (<see cref="SeededRandom(long, long)"/>):
/// stream 1 inputs, stream 2 targets, stream 3 weights, so each is reproducible on its own.
/// The values differ from PyTorch's generator; the distribution is the same.</para>
/// </remarks>
public static class SyntheticRegression
{
    /// <summary>The paper's layer widths: 5 inputs, hidden widths 6 and 7, 8 outputs.</summary>
    public static readonly int[] PaperDims = [5, 6, 7, 8];

    /// <summary>The paper's number of samples (its dim[0]).</summary>
    public const int PaperSamples = 4;

    /// <summary>Creates inputs [samples, dims[0]] and targets [samples, dims[^1]], both U[0, 1).</summary>
    /// <param name="dims">Layer widths, input first and output last (at least two).</param>
    /// <param name="samples">Number of samples.</param>
    /// <param name="seed">The seed; the same seed gives the same data.</param>
    public static Dataset Create(int[] dims, int samples, int seed)
    {
        Validate(dims);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        var inputs = FeatureArrays.CreateAligned((long)samples * dims[0]);
        var targets = new float[(long)samples * dims[^1]];
        new SeededRandom(seed, 1).FillUniform(inputs.Span, 0f, 1f);
        new SeededRandom(seed, 2).FillUniform(targets, 0f, 1f);
        var name = string.Create(CultureInfo.InvariantCulture, $"synthetic-regression[{string.Join(",", dims)}]x{samples}");
        return Dataset.Regression(name, inputs, dims[0], targets, dims[^1]);
    }

    /// <summary>The paper's task: <c>Create(PaperDims, PaperSamples, seed)</c>.</summary>
    public static Dataset Paper(int seed) => Create(PaperDims, PaperSamples, seed);

    /// <summary>
    /// The paper's initial weights, every entry U[0, 1), in the runtime's parameter layout for a bias-free
    /// network: <c>fc0.weight</c> [dims[1], dims[0]], <c>fc1.weight</c> [dims[2], dims[1]], … row-major.
    /// </summary>
    public static float[] PaperInitialWeights(int[] dims, int seed)
    {
        Validate(dims);
        long count = 0;
        for (var i = 0; i + 1 < dims.Length; i++) count += (long)dims[i] * dims[i + 1];
        var weights = new float[count];
        new SeededRandom(seed, 3).FillUniform(weights, 0f, 1f);
        return weights;
    }

    /// <summary>½ × samples × outputs: the authors' summed loss divided by the mean squared error.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1 (it was returned as a zero or negative scale).</exception>
    public static float PaperLossScale(int samples, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        return 0.5f * samples * outputs;
    }

    private static void Validate(int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length < 2)
            throw new ArgumentException("dims needs at least an input and an output width.", nameof(dims));
        foreach (var d in dims)
            if (d <= 0) throw new ArgumentException($"dims [{string.Join(", ", dims)}] has a width that is not positive.", nameof(dims));
    }
}
