namespace Teleport.Training;

/// <summary>A model's loss and accuracy on a data set (<see cref="Evaluator"/>).</summary>
/// <param name="Loss">The mean loss over all samples (cross-entropy per sample, or squared error per output value).</param>
/// <param name="Accuracy">Fraction of samples whose largest output is the label (0…1); null for regression.</param>
public readonly record struct EvaluationResult(double Loss, double? Accuracy);
