namespace Teleport.Geometry;

/// <summary>A perturbation sharpness measurement.</summary>
/// <param name="MeanPerturbedLoss">The mean loss over every (batch, radius, direction) perturbation: the paper's φ before its division.</param>
/// <param name="MeanLoss">The mean unperturbed loss over the same batches.</param>
/// <param name="Phi">The paper's φ: <paramref name="MeanPerturbedLoss"/> / batch size (its constant <c>tele_batch_size</c> = 200; correlation.py).</param>
/// <param name="Batches">Batches evaluated.</param>
/// <param name="Evaluations">Loss evaluations at perturbed points (batches × radii × directions).</param>
public readonly record struct SharpnessResult(double MeanPerturbedLoss, double MeanLoss, double Phi, int Batches, int Evaluations)
{
    /// <summary>The mean loss increase, MeanPerturbedLoss − MeanLoss: sharpness with the loss level taken out (the adaptive measure's value).</summary>
    public double MeanIncrease => MeanPerturbedLoss - MeanLoss;
}
