using System.Globalization;

namespace Teleport.Training;

/// <summary>Where and how a run diverged (<see cref="TrainingStatus.Diverged"/>).</summary>
/// <param name="Quantity">What became non-finite: "training loss", "gradient" (‖∇L‖²), "parameters", "test loss" or
/// "optimizer state "name"" (a buffer, e.g. AdaGrad's "sum", found at the epoch's end).</param>
/// <param name="Value">Its value (NaN or ±∞).</param>
/// <param name="Epoch">The 1-based epoch.</param>
/// <param name="Batch">The 0-based batch of the epoch (the epoch's batch count when found at the epoch's end).</param>
/// <param name="GlobalStep">Optimizer steps taken before it.</param>
public sealed record TrainingDivergence(string Quantity, double Value, int Epoch, int Batch, long GlobalStep)
{
    /// <summary>"the training loss became NaN at epoch 1, batch 36 (after 35 steps)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"the {Quantity} became {Describe(Value)} at epoch {Epoch}, batch {Batch} (after {GlobalStep} step{(GlobalStep == 1 ? "" : "s")})");

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "−∞";
}
