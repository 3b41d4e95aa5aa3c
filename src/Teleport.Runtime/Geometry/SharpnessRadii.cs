using System.Collections.Generic;

namespace Teleport.Geometry;

/// <summary>
/// The radii of the paper's φ (Zhao et al. 2024, correlation.py: <c>np.arange(t_start, t_end, t_interval)</c>), 20 per
/// data set, and defaults for the other perturbation kinds.
/// </summary>
public static class SharpnessRadii
{
    /// <summary>MNIST: t = 0.001, 0.011, …, 0.191 (arange(0.001, 0.2, 0.01)).</summary>
    public static IReadOnlyList<double> PaperMnist { get; } = Arange(0.001, 0.01, 20);

    /// <summary>Fashion-MNIST: t = 0.0001, 0.0011, …, 0.0191 (arange(0.0001, 0.02, 0.001)).</summary>
    public static IReadOnlyList<double> PaperFashionMnist { get; } = Arange(0.0001, 0.001, 20);

    /// <summary>CIFAR-10: the same radii as Fashion-MNIST.</summary>
    public static IReadOnlyList<double> PaperCifar10 { get; } = PaperFashionMnist;

    /// <summary>Adaptive sharpness: relative perturbations of standard deviation 5 %, 10 % and 20 % per weight.</summary>
    public static IReadOnlyList<double> Adaptive { get; } = [0.05, 0.1, 0.2];

    /// <summary>The paper's radii for a data set name (mnist; fashion-mnist and cifar10 share theirs; anything else gets Fashion-MNIST's).</summary>
    public static IReadOnlyList<double> Paper(string dataset) => dataset == "mnist" ? PaperMnist : PaperFashionMnist;

    // NumPy's arange: start + i·step, computed as such (not by repeated addition).
    private static double[] Arange(double start, double step, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = start + i * step;
        return values;
    }
}
