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
    /// <summary>
    /// Null, or what else the caller must know: where a step with a non-finite gradient, checked after its update, could
    /// not be undone to the bits before it (the model gave other numbers when the steps before were replayed), the state
    /// it was left in.
    /// </summary>
    public string? Note { get; init; }

    /// <summary>"the training loss became NaN at epoch 1, batch 36 (after 35 steps)" (then "; " and the <see cref="Note"/>, if any).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"the {Quantity} became {Describe(Value)} at epoch {Epoch}, batch {Batch} (after {GlobalStep} step{(GlobalStep == 1 ? "" : "s")}){(Note is null ? "" : "; " + Note)}");

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "−∞";
}
