namespace Teleport.Cli.Running;

/// <summary>Which variant of a run: plain training, with teleports, or the control (the state policy at the teleport points only).</summary>
internal enum RunArm
{
    Baseline,
    Teleport,
    Control,
}
