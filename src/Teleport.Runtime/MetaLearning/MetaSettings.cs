using System;

namespace Teleport.MetaLearning;

/// <summary>
/// A variant's constants (the paper's values by default): the first step size and the clamp of the learned step size
/// (LSTM(lr, tele)), the clamp of a learned update (LSTM(update), ±1e7: effectively none), the teleport's fixed size c,
/// the window of unrolled steps per meta-update, how the teleport moves U (<see cref="TeleportForm"/>), and whether the
/// meta-gradient is first order (the paper: the inner gradients detached) or exact (<see cref="SecondOrder"/>).
/// <see cref="Teleport"/> = false is a control arm (LSTM(lr), LSTM(update)): the same networks and schedule, no teleport.
/// </summary>
public sealed record MetaSettings
{
    public double InitialStepSize { get; init; } = 1e-4;
    public double MinStepSize { get; init; } = 1e-7;
    public double MaxStepSize { get; init; } = 5e-3;
    public double TeleportScale { get; init; } = 0.01;
    public int Window { get; init; } = 10;
    public bool Teleport { get; init; } = true;
    public TeleportForm Form { get; init; } = TeleportForm.Lie;
    public double UpdateClamp { get; init; } = 1e7;
    public bool SecondOrder { get; init; }

    /// <summary>
    /// Checks every value (a NaN step size or scale made every loss of the inner optimisation NaN; a clamp whose bounds
    /// cross, or an unknown form, were used as given); throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.
    /// Bounds and sizes may be negative or 0: the gradient checks run the clamp wide open (MinStepSize = −1).
    /// </summary>
    public void Validate()
    {
        OptionChecks.Finite(InitialStepSize, nameof(MetaSettings), nameof(InitialStepSize));
        OptionChecks.Finite(MinStepSize, nameof(MetaSettings), nameof(MinStepSize));
        OptionChecks.Finite(MaxStepSize, nameof(MetaSettings), nameof(MaxStepSize));
        if (MinStepSize > MaxStepSize)
            throw new ArgumentOutOfRangeException(nameof(MaxStepSize), FormattableString.Invariant(
                $"MetaSettings.MaxStepSize is {MaxStepSize}, below MinStepSize {MinStepSize}; the clamp needs MinStepSize ≤ MaxStepSize."));
        OptionChecks.Finite(TeleportScale, nameof(MetaSettings), nameof(TeleportScale));
        OptionChecks.AtLeast(Window, 1, nameof(MetaSettings), nameof(Window));
        OptionChecks.Defined(Form, nameof(MetaSettings), nameof(Form));
        OptionChecks.Positive(UpdateClamp, nameof(MetaSettings), nameof(UpdateClamp));
    }
}
