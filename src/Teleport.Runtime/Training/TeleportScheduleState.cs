using System.IO;

namespace Teleport.Training;

/// <summary>
/// What a <see cref="TeleportSchedule"/> needs to remember between steps: the number of teleports so far,
/// the step of the last one, and the adaptive trigger's statistics. Saved with checkpoints.
/// </summary>
internal sealed class TeleportScheduleState
{
    /// <summary>Teleports (or control points) so far in the run.</summary>
    public int Total;

    /// <summary><see cref="TrainingContext.GlobalStep"/> at the last teleport (0 before the first).</summary>
    public long LastTeleportStep;

    /// <summary>Largest mini-batch ‖∇L‖² since the last teleport (or the start); 0 when none was seen.</summary>
    public double MaxGradNormSquared;

    /// <summary>The last step's mini-batch ‖∇L‖².</summary>
    public double LastGradNormSquared;

    /// <summary>Whether a step has been observed since the last teleport.</summary>
    public bool HasLastGradNorm;

    /// <summary>After each optimizer step: its mini-batch ‖∇L‖² (NaN never becomes the maximum).</summary>
    public void Observe(double gradNormSquared)
    {
        LastGradNormSquared = gradNormSquared;
        HasLastGradNorm = true;
        if (gradNormSquared > MaxGradNormSquared) MaxGradNormSquared = gradNormSquared;
    }

    /// <summary>A teleport (or control point) happened before step <paramref name="step"/> + 1: the running maximum starts over.</summary>
    public void Fired(long step)
    {
        Total++;
        LastTeleportStep = step;
        MaxGradNormSquared = 0;
        LastGradNormSquared = 0;
        HasLastGradNorm = false;
    }

    /// <summary>Becomes a copy of <paramref name="other"/> (the state before a teleport point, put back when it is canceled).</summary>
    public void CopyFrom(TeleportScheduleState other)
    {
        Total = other.Total;
        LastTeleportStep = other.LastTeleportStep;
        MaxGradNormSquared = other.MaxGradNormSquared;
        LastGradNormSquared = other.LastGradNormSquared;
        HasLastGradNorm = other.HasLastGradNorm;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Total);
        writer.Write(LastTeleportStep);
        writer.Write(MaxGradNormSquared);
        writer.Write(LastGradNormSquared);
        writer.Write(HasLastGradNorm);
    }

    public void Read(BinaryReader reader)
    {
        Total = reader.ReadInt32();
        LastTeleportStep = reader.ReadInt64();
        MaxGradNormSquared = reader.ReadDouble();
        LastGradNormSquared = reader.ReadDouble();
        HasLastGradNorm = reader.ReadBoolean();
    }
}
