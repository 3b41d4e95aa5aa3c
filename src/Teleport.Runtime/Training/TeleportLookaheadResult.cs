namespace Teleport.Training;

/// <summary>The outcome of a look-ahead test (<see cref="TeleportTrainingOptions.LookaheadSteps"/>).</summary>
/// <param name="Kept">True when the teleported branch reached the lower loss and was kept.</param>
/// <param name="TeleportedLoss">Mean loss over the K batches after K steps from the teleported point.</param>
/// <param name="PlainLoss">The same from the point without the teleport.</param>
/// <param name="Seconds">Time of the test (both branches).</param>
public readonly record struct TeleportLookaheadResult(bool Kept, double TeleportedLoss, double PlainLoss, double Seconds);
