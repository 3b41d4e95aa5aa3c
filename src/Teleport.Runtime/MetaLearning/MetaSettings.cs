namespace Teleport.MetaLearning;

/// <summary>
/// The LSTM(lr, tele) variant's constants (the paper's values by default): the first step size, the clamp of the
/// learned step size, the teleport's fixed size c, the window of unrolled steps per meta-update, and how the teleport
/// moves U (<see cref="TeleportForm"/>). <see cref="Teleport"/> = false is the control arm LSTM(lr): the same network
/// and step-size head, no teleport.
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
}
