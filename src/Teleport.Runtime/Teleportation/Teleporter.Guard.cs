using System;
using System.Runtime.InteropServices;
using Teleport.Kernels;
using Teleport.LinearAlgebra;

namespace Teleport.Teleportation;

/// <summary>
/// The loss-drift guard in double precision. A float network's loss carries a rounding error that grows with
/// its logits and the cancellation in its sums; on a well-fit or large-weight batch that error exceeds the
/// tolerance itself (issue 14: 12 of 2 302 teleports with <see cref="SymmetrySet.All"/> on batches ≤ 16 moved the
/// loss recomputed in double by up to 4× the tolerance while the float guard saw no drift). With a double twin
/// (<see cref="IHasFloat64Twin"/>), L(θ) = twin.Loss(widen(θ)) on the batch widened once per teleport, and the
/// teleport ends with |L(θ_end) − L(θ₀)| ≤ tol·max(|L(θ₀)|, 1e-30) for that double loss.
/// </summary>
/// <remarks>
/// Cheaply: the ascent runs with the float guard, then its end point is checked in double (two double forward
/// passes per teleport). Only if that check fails does the teleport start over from θ₀ with the double loss
/// guarding every step — the rare case where float rounding hid a real drift.
/// </remarks>
public sealed partial class Teleporter<T>
{
    private readonly IDifferentiableModel<double>? guardModel;
    private readonly T[] origin = [];
    private double[] guardInputs = [];
    private double[] guardValues = [];
    private int[] guardLabels = [];
    private int guardInputLength;
    private int guardTargetLength;
    private bool guardLabelsUsed;
    private bool guardEveryStep;

    /// <summary>Whether the drift guard evaluates the loss in double through a twin (see <see cref="IHasFloat64Twin"/>).</summary>
    public bool GuardsInDouble => guardModel is not null;

    /// <summary>The twin of <paramref name="model"/> for the guard: none for a double model (its own loss is double).</summary>
    private static IDifferentiableModel<double>? TwinOf(ITeleportable<T> model, IDifferentiableModel<double>? guard)
    {
        var twin = guard ?? (typeof(T) != typeof(double) && model is IHasFloat64Twin source ? source.CreateFloat64Twin() : null);
        if (twin is not null && twin.Parameters.Length != model.Parameters.Length)
        {
            throw new ArgumentException($"The double-precision twin has {twin.Parameters.Length} parameters; {model.Info.Name} has {model.Parameters.Length}.", nameof(guard));
        }

        // (as many parameters is not the same network: another's losses were reported as the model's)
        if (twin is not null && NetworkMatch.Difference(model.Info, twin.Info) is { } difference)
        {
            throw new ArgumentException($"The double-precision twin is not {model.Info.Name}: it has {difference}.", nameof(guard));
        }

        return twin;
    }

    /// <summary>
    /// <see cref="Ascend"/> with the end point checked in double, and redone with the double loss on every step if
    /// the check fails. <paramref name="loss"/> and the report's losses are the double ones.
    /// </summary>
    private TeleportStopReason AscendGuarded(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, ref double loss, ref double objective)
    {
        if (guardModel is null)
        {
            return transporting ? AscendTransportChecked(inputs, targets, options, ref loss, ref objective) : Ascend(inputs, targets, options, ref loss, ref objective);
        }

        BeginGuard(inputs, targets);
        Span<T> parameters = model.Parameters;
        LongVectors.Copy<T>(parameters, origin, halves);
        double before = GuardLoss(), objectiveBefore = objective;
        TeleportReport report = Report;
        TeleportStopReason reason = Ascend(inputs, targets, options, ref loss, ref objective);
        report.LossBefore = before;
        double after = report.StepsTaken == 0 ? before : GuardLoss();
        if (Math.Abs(after - before) <= options.LossTolerance * Math.Max(Math.Abs(before), TeleportReport.LossScaleFloor))
        {
            loss = after;
            return reason;
        }

        // Float rounding hid a drift: start over from θ₀, judging every step by the double loss.
        (loss, objective) = (before, objectiveBefore);
        RestartFromOrigin(inputs, targets, options, keepTransport: true, before, objectiveBefore);
        guardEveryStep = true;
        try
        {
            return Ascend(inputs, targets, options, ref loss, ref objective);
        }
        finally
        {
            guardEveryStep = false;
        }
    }

    /// <summary>
    /// The transporting ascent without a double twin: the end point's loss is evaluated on the batch, and if it drifted
    /// beyond the tolerance the teleport starts over from θ₀ recomputing every step (<see cref="TeleportOptions.GradientTransport"/>).
    /// </summary>
    private TeleportStopReason AscendTransportChecked(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, ref double loss, ref double objective)
    {
        LongVectors.Copy<T>(model.Parameters, origin, halves);
        double before = loss, objectiveBefore = objective;
        TeleportReport report = Report;
        TeleportStopReason reason = Ascend(inputs, targets, options, ref loss, ref objective);
        if (report.StepsTaken == 0)
        {
            return reason;
        }

        double after = double.CreateTruncating(model.Loss(inputs, targets));
        if (Math.Abs(after - before) <= options.LossTolerance * Math.Max(Math.Abs(before), TeleportReport.LossScaleFloor))
        {
            loss = after;
            return reason;
        }

        (loss, objective) = (before, objectiveBefore);
        RestartFromOrigin(inputs, targets, options, keepTransport: false, before, objectiveBefore);
        return Ascend(inputs, targets, options, ref loss, ref objective);
    }

    /// <summary>
    /// Back to θ₀ with a fresh report starting at θ₀'s loss and objective (<paramref name="startLoss"/>, <paramref name="startObjective"/>), and ∂F/∂T there; without
    /// <paramref name="keepTransport"/> the objective is recomputed from the batch from now on.
    /// </summary>
    private void RestartFromOrigin(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, bool keepTransport, double startLoss, double startObjective)
    {
        LongVectors.Copy<T>(origin, model.Parameters, halves);
        model.InvalidateTeleportSession();
        ResetAccumulated();
        TeleportReport report = Report;
        report.Reset(options.Steps, options.LearningRate);
        report.Objective = options.Objective;
        report.Direction = options.Direction;
        foreach (int s in order)
        {
            if (active[s])
            {
                report.AddSymmetry(ids[s]);
            }
        }

        if (transporting && !keepTransport)
        {
            transporting = false;
            model.BeginTeleportSession(inputs);
        }

        Evaluate(inputs, targets, options, lieCurrent, trial: false);
        report.LossBefore = startLoss;
        report.ObjectiveBefore = startObjective;
        report.AddTrace(startObjective);
    }

    /// <summary>The loss a trial step is judged by: the double loss when guarding every step, else the model's.</summary>
    private double StepLoss(double modelLoss) => guardEveryStep ? GuardLoss() : modelLoss;

    /// <summary>Copies the teleport batch, widened to double, into buffers grown once per batch size.</summary>
    private void BeginGuard(ReadOnlySpan<T> inputs, Targets<T> targets)
    {
        Widen(inputs, ref guardInputs);
        guardInputLength = inputs.Length;
        guardLabelsUsed = targets.IsLabels;
        guardTargetLength = targets.Length;
        if (targets.IsLabels)
        {
            if (guardLabels.Length < targets.Labels.Length)
            {
                guardLabels = new int[targets.Labels.Length];
            }

            targets.Labels.CopyTo(guardLabels);
        }
        else
        {
            Widen(targets.Values, ref guardValues);
        }
    }

    /// <summary>The double loss of the current parameters (NaN if any is not finite).</summary>
    private double GuardLoss()
    {
        if (!LongVectors.AllFinite<T>(model.Parameters, halves))
        {
            return double.NaN;
        }

        WidenInto(model.Parameters, guardModel!.Parameters, halves);

        ReadOnlySpan<double> inputs = guardInputs.AsSpan(0, guardInputLength);
        return guardLabelsUsed
            ? guardModel.Loss(inputs, new Targets<double>(guardLabels.AsSpan(0, guardTargetLength)))
            : guardModel.Loss(inputs, new Targets<double>(guardValues.AsSpan(0, guardTargetLength)));
    }

    private static void Widen(ReadOnlySpan<T> source, ref double[] buffer)
    {
        if (buffer.Length < source.Length)
        {
            buffer = new double[source.Length];
        }

        WidenInto(source, buffer);
    }

    /// <summary>
    /// <paramref name="source"/> as doubles (exact: every float is a double), in vector registers for float (a teleport
    /// widens its whole batch, 200 × 784 values for the paper's, and the parameters at every guarded loss: a wide
    /// network's 670 000 on both threads when there are two).
    /// </summary>
    private static void WidenInto(ReadOnlySpan<T> source, Span<double> destination, RowHalves? plan = null)
    {
        if (typeof(T) == typeof(float))
        {
            LongVectors.Widen(MemoryMarshal.Cast<T, float>(source), destination, plan);
        }
        else
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = double.CreateTruncating(source[i]);
            }
        }
    }
}
