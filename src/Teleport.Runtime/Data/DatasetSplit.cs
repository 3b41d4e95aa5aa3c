namespace Teleport.Data;

/// <summary>A data set split into a training part and a validation part (<see cref="Dataset.SplitTrainValidation"/>).</summary>
public sealed record DatasetSplit(Dataset Train, Dataset Validation);

/// <summary>
/// The parts of a data set as a run uses them: training samples, optional validation samples, test samples.
/// </summary>
/// <param name="Train">Samples to train on.</param>
/// <param name="Validation">Samples held out from training for model selection, or null.</param>
/// <param name="Test">The official test samples (for synthetic tasks: an independent draw).</param>
public sealed record DatasetSplits(Dataset Train, Dataset? Validation, Dataset Test)
{
    /// <summary>
    /// Moves <paramref name="validationCount"/> samples of <see cref="Train"/>, chosen by
    /// <paramref name="seed"/>, into <see cref="Validation"/> (the paper: 60 000 → 50 000 + 10 000).
    /// </summary>
    public DatasetSplits WithValidation(int validationCount, long seed)
    {
        var split = Train.SplitTrainValidation(validationCount, seed);
        return this with { Train = split.Train, Validation = split.Validation };
    }
}
