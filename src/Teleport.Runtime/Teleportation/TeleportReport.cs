using System;
using System.Globalization;

namespace Teleport.Teleportation;

/// <summary>
/// What one teleport did: loss and ‖∇L‖² before and after, steps, retries, why it stopped, the
/// ‖∇L‖² trace and the symmetries used. Values are doubles whatever the model's precision.
/// </summary>
/// <remarks>
/// A <see cref="Teleporter{T}"/> refills the same report on every call so that teleporting allocates
/// nothing; keep a result with <see cref="Clone"/>.
/// </remarks>
public sealed partial class TeleportReport
{
    /// <summary>Floor of the loss scale in <see cref="RelativeLossDrift"/>: max(|L₀|, 1e-30).</summary>
    public const double LossScaleFloor = 1e-30;

    private double[] trace;
    private string[] symmetries;
    private int traceCount;
    private int symmetryCount;

    /// <summary>An empty report with room for <paramref name="steps"/> steps and <paramref name="symmetries"/> symmetries.</summary>
    public TeleportReport(int steps = 10, int symmetries = 4)
    {
        trace = new double[Math.Max(steps, 0) + 1];
        this.symmetries = new string[Math.Max(symmetries, 0)];
    }

    /// <summary>Mean loss on the teleport batch before the teleport (L₀).</summary>
    public double LossBefore { get; internal set; }

    /// <summary>Mean loss on the teleport batch after the teleport.</summary>
    public double LossAfter { get; internal set; }

    /// <summary>‖∇L‖² before the teleport.</summary>
    public double GradNormSquaredBefore { get; internal set; }

    /// <summary>
    /// ‖∇L‖² after the teleport. After an ascent that transported the gradient (<see cref="TeleportOptions.GradientTransport"/>),
    /// the transported gradient's: ∇L at the end point in exact arithmetic, and within rounding of a recomputation on the
    /// batch (tested: 20 steps at η = 0.5 on a generated MLP, within 1e-6 relative in float and 1e-13 in double; measured 1.1e-7 and 1e-15). It is not
    /// recomputed, as that would add a forward and a backward pass over the batch to a teleport that read it once (×1.4
    /// the paper network's 10-step teleport on 200 samples).
    /// </summary>
    public double GradNormSquaredAfter { get; internal set; }

    /// <summary>Accepted ascent steps.</summary>
    public int StepsTaken { get; internal set; }

    /// <summary>How many times η and the trust radius were shrunk.</summary>
    public int Backtracks { get; internal set; }

    /// <summary>Trial steps rolled back (drift, cap, non-finite values, no ascent, undefined action).</summary>
    public int RejectedSteps { get; internal set; }

    /// <summary>Why the teleport stopped.</summary>
    public TeleportStopReason StopReason { get; internal set; }

    /// <summary>Wall-clock seconds of the teleport.</summary>
    public double Seconds { get; internal set; }

    /// <summary>η after the backtracks (the options' learning rate if there were none).</summary>
    public double FinalLearningRate { get; internal set; }

    /// <summary>LossAfter − LossBefore.</summary>
    public double LossDrift => LossAfter - LossBefore;

    /// <summary>|LossAfter − LossBefore| / max(|LossBefore|, <see cref="LossScaleFloor"/>).</summary>
    public double RelativeLossDrift => Math.Abs(LossDrift) / Math.Max(Math.Abs(LossBefore), LossScaleFloor);

    /// <summary>GradNormSquaredAfter / GradNormSquaredBefore (NaN when the latter is 0).</summary>
    public double GradNormSquaredGain => GradNormSquaredBefore == 0 ? double.NaN : GradNormSquaredAfter / GradNormSquaredBefore;

    /// <summary>The objective (‖∇L‖² by default, see <see cref="Objective"/>) at the start and after each accepted step (StepsTaken + 1 values).</summary>
    public ReadOnlySpan<double> GradNormSquaredTrace => trace.AsSpan(0, traceCount);

    /// <summary>
    /// Ids of the symmetries selected for this teleport, as "S2@0" (symmetry id @ hidden layer), in
    /// layer order (whether a step was accepted or not: see <see cref="Teleporter{T}.IsUsed"/>).
    /// </summary>
    public ReadOnlySpan<string> SymmetriesUsed => symmetries.AsSpan(0, symmetryCount);

    /// <summary>A deep copy (allocates).</summary>
    public TeleportReport Clone()
    {
        var copy = (TeleportReport)MemberwiseClone();
        copy.trace = (double[])trace.Clone();
        copy.symmetries = (string[])symmetries.Clone();
        CloneMethodDiagnostics(copy);
        return copy;
    }

    /// <summary>One line for logs.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"teleport {MethodLabel}{StopReason}: {ObjectiveSummary()}‖∇L‖² {GradNormSquaredBefore:G4} → {GradNormSquaredAfter:G4}, loss {LossBefore:G6} → {LossAfter:G6} (relative drift {RelativeLossDrift:G2}), {StepsTaken} steps, {Backtracks} backtracks, {RejectedSteps} rejected, [{string.Join(", ", symmetries, 0, symmetryCount)}]{MethodSummary()}, {Seconds * 1e3:G3} ms");

    /// <summary>Clears the report for a teleport of up to <paramref name="steps"/> steps (grows the trace if needed).</summary>
    internal void Reset(int steps, double learningRate)
    {
        // Room for the whole trace up front (so a teleport allocates nothing), but never more than a preset
        // amount: a huge step count must not allocate for steps that may never be taken; AddTrace grows it then.
        long room = Math.Min((long)steps + 1, MaxPreallocatedTrace);
        if (trace.Length < room)
        {
            trace = new double[room];
        }

        traceCount = 0;
        symmetryCount = 0;
        LossBefore = LossAfter = GradNormSquaredBefore = GradNormSquaredAfter = Seconds = 0;
        ObjectiveBefore = ObjectiveAfter = 0;
        Objective = TeleportObjective.GradientNorm;
        Direction = ObjectiveDirection.Increase;
        StepsTaken = Backtracks = RejectedSteps = 0;
        StopReason = TeleportStopReason.Completed;
        FinalLearningRate = learningRate;
        ResetMethodDiagnostics();
    }

    internal void AddTrace(double gradNormSquared)
    {
        if (traceCount == trace.Length)
        {
            Array.Resize(ref trace, trace.Length * 2);
        }

        trace[traceCount++] = gradNormSquared;
    }

    /// <summary>The most trace entries <see cref="Reset"/> allocates ahead of the steps.</summary>
    private const int MaxPreallocatedTrace = 1 << 16;

    internal void AddSymmetry(string id)
    {
        if (symmetryCount == symmetries.Length)
        {
            Array.Resize(ref symmetries, Math.Max(4, 2 * symmetryCount));
        }

        symmetries[symmetryCount++] = id;
    }
}
