using System.Globalization;

namespace Teleport.Teleportation;

public sealed partial class TeleportReport
{
    /// <summary>What the teleport moved (<see cref="TeleportOptions.Objective"/>).</summary>
    public TeleportObjective Objective { get; internal set; }

    /// <summary>Whether it raised or lowered it.</summary>
    public ObjectiveDirection Direction { get; internal set; }

    /// <summary>The objective on the teleport batch before the teleport (‖∇L‖² for the default objective; NaN when it could not be evaluated).</summary>
    public double ObjectiveBefore { get; internal set; }

    /// <summary>The objective at the accepted end point. The trace (<see cref="GradNormSquaredTrace"/>) holds this objective's values.</summary>
    public double ObjectiveAfter { get; internal set; }

    /// <summary>ObjectiveAfter / ObjectiveBefore (NaN when the latter is 0).</summary>
    public double ObjectiveGain => ObjectiveBefore == 0 ? double.NaN : ObjectiveAfter / ObjectiveBefore;

    /// <summary>The objective part of <see cref="ToString"/>: empty for ‖∇L‖², else "Sharpness↓ 0.31 → 0.29; ".</summary>
    private string ObjectiveSummary() => Objective == TeleportObjective.GradientNorm && Direction == ObjectiveDirection.Increase
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"{Objective}{(Direction == ObjectiveDirection.Increase ? "↑" : "↓")} {ObjectiveBefore:G4} → {ObjectiveAfter:G4}; ");
}
