namespace Teleport.Training;

/// <summary>The order in which an epoch visits the training samples.</summary>
public enum BatchOrder
{
    /// <summary>The samples in data-set order, every epoch (the paper: batches of 20 in a fixed order).</summary>
    Sequential,

    /// <summary>A fresh permutation per epoch, from stream <c>epoch</c> of the seed (<see cref="Teleport.Data.BatchSampler"/>).</summary>
    Shuffled,
}
