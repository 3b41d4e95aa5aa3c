using System;
using System.Diagnostics;

namespace Teleport.MetaLearning;

/// <summary>
/// What the learned inner optimisers share (<see cref="LearnedTeleportOptimizer"/>, <see cref="LearnedUpdateOptimizer"/>):
/// the task, the window's records (W_e, ∇L(W_e), W′_e = W_e after the update, T̂_e), the teleport of every step
/// W_{e+1} = S3(W′_e, T̂_e) with T̂_e = c·T_e/‖T_e‖, and the pieces of the reverse sweep: the teleport's and the
/// normalisation's VJPs (W̄_{e+1} → W̄′_e, T̄_e), W̄_e = W̄′_e + ∇L_e, and for the second-order meta-gradient the
/// Hessian term W̄_e += H(W_e)·v (∇L(W_e) not detached: its VJP is H·v). Buffers are allocated once.
/// </summary>
public abstract class InnerOptimizer
{
    private readonly LieTeleport _teleport;
    private readonly double[] _weightsHistory;
    private readonly double[] _algebra;
    private readonly double[] _algebraCotangent;
    private readonly double[] _hessianVector;
    private bool _started;

    protected InnerOptimizer(RegressionTask task, MetaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Task = task;
        Settings = settings;
        S2 = task.Size * task.Size;
        P = task.ParameterCount;
        _teleport = new LieTeleport(task, settings.Form);
        var k = settings.Window;
        Weights = (double[])task.InitialWeights.Clone();
        Inputs = new double[k * P];
        LossGradients = new double[k * P];
        Stepped = new double[k * P];
        _weightsHistory = new double[k * P];
        _algebra = new double[k * S2];
        _algebraCotangent = new double[S2];
        _hessianVector = new double[P];
        WeightsCotangent = new double[P];
        SteppedCotangent = new double[P];
        Losses = new double[k];
        StepSizes = new double[k];
        TeleportLossChanges = new double[k];
        StepSeconds = new double[k];
    }

    protected RegressionTask Task { get; }

    protected MetaSettings Settings { get; }

    /// <summary>Entries of T (size²).</summary>
    protected int S2 { get; }

    /// <summary>Parameters of the inner problem.</summary>
    protected int P { get; }

    /// <summary>The meta-networks' inputs of the window's steps, [steps, P] (∇L_e, or replayed gradients).</summary>
    protected double[] Inputs { get; }

    /// <summary>∇L(W_e) of the window's steps, [steps, P].</summary>
    protected double[] LossGradients { get; }

    /// <summary>W′_e, the weights after the update and before the teleport, [steps, P].</summary>
    protected double[] Stepped { get; }

    /// <summary>W̄ of the reverse sweep (of W_{e+1}, then of W_e).</summary>
    protected double[] WeightsCotangent { get; }

    /// <summary>W̄′_e of the reverse sweep.</summary>
    protected double[] SteppedCotangent { get; }

    /// <summary>W, the inner problem's current weights.</summary>
    public double[] Weights { get; }

    /// <summary>L_e of the last window's steps (the first <see cref="RecordedSteps"/> entries).</summary>
    public double[] Losses { get; }

    /// <summary>η_e of the last window's steps: the step size used (learned-rate variants) or ‖u_e‖/‖∇L_e‖ (update variants).</summary>
    public double[] StepSizes { get; }

    /// <summary>L(W_{e+1}) − L(W′_e): the loss change each teleport caused (0 without teleport).</summary>
    public double[] TeleportLossChanges { get; }

    /// <summary>Wall time of each of the last window's steps, in seconds: L_e and ∇L_e, the update and the teleport (a timestamp pair per step, no allocation).</summary>
    public double[] StepSeconds { get; }

    /// <summary>∇L(W_e) of the last window's steps, [steps, P].</summary>
    public ReadOnlySpan<double> RecordedGradients => LossGradients.AsSpan(0, RecordedSteps * P);

    /// <summary>The steps of the last window.</summary>
    public int RecordedSteps { get; protected set; }

    /// <summary>The meta-networks, in the order <see cref="MetaGradient"/> writes their gradients.</summary>
    public abstract IRecurrentModel<double>[] Networks { get; }

    /// <summary>
    /// Runs <paramref name="steps"/> (at most the window) inner steps and returns their summed loss (the meta-loss).
    /// With <paramref name="fixedGradients"/> (steps·P values), those replace ∇L as the update's and the networks' input:
    /// the first-order meta-gradient is then the exact gradient of the returned sum (how tests check it).
    /// </summary>
    public double RunWindow(int steps, ReadOnlySpan<double> fixedGradients = default)
    {
        if (steps < 1 || steps > Settings.Window)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"A window runs 1 to {Settings.Window} steps.");
        if (!fixedGradients.IsEmpty && fixedGradients.Length < (long)steps * P)
            throw new ArgumentException($"fixedGradients has {fixedGradients.Length} values; {steps} steps of {P} parameters need {(long)steps * P}.", nameof(fixedGradients));
        foreach (var network in Networks) network.BeginWindow(1, Settings.Window, carryState: _started);
        _started = true;
        double sum = 0;
        for (var e = 0; e < steps; e++)
        {
            var started = Stopwatch.GetTimestamp();
            var w = _weightsHistory.AsSpan(e * P, P);
            Weights.CopyTo(w);
            var loss = Task.LossAndGradient(w, LossGradients.AsSpan(e * P, P));
            (fixedGradients.IsEmpty ? LossGradients.AsSpan(e * P, P) : fixedGradients.Slice(e * P, P)).CopyTo(Inputs.AsSpan(e * P, P));
            Losses[e] = loss;
            sum += loss;
            Step(e);
            StepSeconds[e] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        RecordedSteps = steps;
        return sum;
    }

    /// <summary>
    /// ∂(Σ L_e)/∂φ of the last window, one span per network of <see cref="Networks"/> in its Parameters layout: first
    /// order (the inner gradients detached, as the paper) or, with <see cref="MetaSettings.SecondOrder"/>, exact.
    /// </summary>
    public void MetaGradient(Span<double> gradient, Span<double> secondGradient = default)
    {
        if (RecordedSteps == 0) throw new InvalidOperationException("MetaGradient needs a window: call RunWindow first.");
        Reverse(gradient, secondGradient);
    }

    /// <summary>One inner step e after L_e and ∇L_e are recorded: the update to W′_e and the teleport into <see cref="Weights"/>.</summary>
    protected abstract void Step(int e);

    /// <summary>The reverse sweep over the recorded steps.</summary>
    protected abstract void Reverse(Span<double> gradient, Span<double> secondGradient);

    /// <summary>W_{e+1} = S3(W′_e, c·T/‖T‖) into <see cref="Weights"/> (or W′_e itself without teleport), recording the loss change.</summary>
    protected void Teleport(int e, ReadOnlySpan<double> rawAlgebra)
    {
        var stepped = Stepped.AsSpan(e * P, P);
        if (!Settings.Teleport)
        {
            stepped.CopyTo(Weights);
            TeleportLossChanges[e] = 0;
            return;
        }
        var algebra = _algebra.AsSpan(e * S2, S2);
        TeleportScaling.Normalize(rawAlgebra, Settings.TeleportScale, algebra);
        _teleport.Apply(stepped, algebra, Weights);
        TeleportLossChanges[e] = Task.Loss(Weights) - Task.Loss(stepped);
    }

    /// <summary>W̄′_e and T̄_e (into <paramref name="rawCotangent"/>, if teleporting) from W̄_{e+1} = <see cref="WeightsCotangent"/>.</summary>
    protected void TeleportVjp(int e, ReadOnlySpan<double> rawAlgebra, Span<double> rawCotangent)
    {
        if (!Settings.Teleport)
        {
            WeightsCotangent.CopyTo(SteppedCotangent, 0);
            return;
        }
        _teleport.Vjp(Stepped.AsSpan(e * P, P), _algebra.AsSpan(e * S2, S2), WeightsCotangent, SteppedCotangent, _algebraCotangent);
        TeleportScaling.NormalizeVjp(rawAlgebra, Settings.TeleportScale, _algebraCotangent, rawCotangent);
    }

    /// <summary>W̄_e = W̄′_e + ∂L_e/∂W_e (the update's own ∂W′/∂W_e = I with ∇L detached).</summary>
    protected void AddLossGradient(int e)
    {
        var lossGradient = LossGradients.AsSpan(e * P, P);
        for (var i = 0; i < P; i++) WeightsCotangent[i] = SteppedCotangent[i] + lossGradient[i];
    }

    /// <summary>W̄_e += H(W_e)·v: the VJP of ∇L(W_e) for the cotangent v it receives (second order only).</summary>
    protected void AddHessianTerm(int e, ReadOnlySpan<double> v)
    {
        Task.HessianVectorProduct(_weightsHistory.AsSpan(e * P, P), v, _hessianVector);
        for (var i = 0; i < P; i++) WeightsCotangent[i] += _hessianVector[i];
    }

    /// <summary>Checks a meta-network's sizes: <paramref name="inputs"/> → <paramref name="outputs"/>.</summary>
    protected static void CheckNetwork(IRecurrentModel<double> network, int inputs, int outputs, string role)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Info.InputSize != inputs || network.Info.OutputSize != outputs)
            throw new ArgumentException(
                $"The meta-network '{network.Info.Name}' maps {network.Info.InputSize} → {network.Info.OutputSize} values, but {role} needs {inputs} → {outputs}.",
                nameof(network));
    }
}
