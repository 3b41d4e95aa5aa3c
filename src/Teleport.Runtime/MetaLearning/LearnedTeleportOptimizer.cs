using System;

namespace Teleport.MetaLearning;

/// <summary>
/// The inner optimisation of LSTM(lr, tele) on one <see cref="RegressionTask"/>, run a window of steps at a time
/// with the meta-gradient of the window's summed loss (the paper's Figure 6, its code order). At step e:
/// L_e, G_e = L(W_e), ∇L(W_e); W′_e = W_e − η_e·G_e; [T_e, o_e] = LSTM(G_e) (one window step, G detached);
/// T̂_e = c·T_e/‖T_e‖; η_{e+1} = clamp(o_e); W_{e+1} = S3(W′_e, T̂_e). The meta-loss is Σ_e L_e over the window; its
/// first-order gradient (G treated as a constant, as the paper) comes from one reverse sweep: W̄ = 0 after the last step;
/// for e backwards, (W̄′, T̂̄_e) = S3's VJP, δT_e = the normalisation's VJP, δo_{e−1} += −⟨W̄′, G_e⟩·clamp′ (η_e of the
/// window's first step is a constant: the previous window chose it), W̄_e = W̄′ + G_e; then the network's
/// WindowGradient(δ[T, o]) is ∂(Σ L_e)/∂φ. Buffers are allocated once: a window allocates nothing after the first.
/// </summary>
public sealed class LearnedTeleportOptimizer
{
    private readonly IRecurrentModel<double> _network;
    private readonly RegressionTask _task;
    private readonly LieTeleport _teleport;
    private readonly MetaSettings _settings;
    private readonly int _p;
    private readonly int _s2;
    private readonly int _outputs;
    private readonly double[] _gradients;
    private readonly double[] _lossGradients;
    private readonly double[] _stepped;
    private readonly double[] _algebra;
    private readonly double[] _outs;
    private readonly double[] _outputCotangents;
    private readonly double[] _weightsCotangent;
    private readonly double[] _steppedCotangent;
    private readonly double[] _algebraCotangent;
    private readonly double[] _windowStart;
    private int _recorded;
    private bool _started;

    public LearnedTeleportOptimizer(IRecurrentModel<double> network, RegressionTask task, MetaSettings settings)
    {
        _network = network;
        _task = task;
        _settings = settings;
        _s2 = task.Size * task.Size;
        _p = task.ParameterCount;
        _outputs = _s2 + 1;
        if (network.Info.InputSize != _p || network.Info.OutputSize != _outputs)
            throw new ArgumentException(
                $"The meta-network '{network.Info.Name}' maps {network.Info.InputSize} → {network.Info.OutputSize} values, but a task of size {task.Size} needs {_p} → {_outputs} (the gradient → T and the step size).",
                nameof(network));
        if (settings.Window < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Window, "The window must hold at least 1 step.");
        _teleport = new LieTeleport(task, settings.Form);
        var k = settings.Window;
        Weights = (double[])task.InitialWeights.Clone();
        StepSize = settings.InitialStepSize;
        _gradients = new double[k * _p];
        _lossGradients = new double[k * _p];
        _stepped = new double[k * _p];
        _algebra = new double[k * _s2];
        _outs = new double[k * _outputs];
        _outputCotangents = new double[k * _outputs];
        _weightsCotangent = new double[_p];
        _steppedCotangent = new double[_p];
        _algebraCotangent = new double[_s2];
        _windowStart = new double[_p];
        Losses = new double[k];
        StepSizes = new double[k];
        TeleportLossChanges = new double[k];
    }

    /// <summary>W, the inner problem's current weights.</summary>
    public double[] Weights { get; }

    /// <summary>η for the next step.</summary>
    public double StepSize { get; private set; }

    /// <summary>L_e of the last window's steps (the first <see cref="RecordedSteps"/> entries).</summary>
    public double[] Losses { get; }

    /// <summary>η_e used by the last window's steps.</summary>
    public double[] StepSizes { get; }

    /// <summary>L(W_{e+1}) − L(W′_e): the loss change each teleport caused (0 without teleport).</summary>
    public double[] TeleportLossChanges { get; }

    /// <summary>∇L(W_e) of the last window's steps, [steps, P].</summary>
    public ReadOnlySpan<double> RecordedGradients => _lossGradients.AsSpan(0, _recorded * _p);

    /// <summary>The steps of the last window.</summary>
    public int RecordedSteps => _recorded;

    /// <summary>
    /// Runs <paramref name="steps"/> (at most the window) inner steps and returns their summed loss (the meta-loss).
    /// With <paramref name="fixedGradients"/> (steps·P values), those replace ∇L as the step's and the network's
    /// input: the first-order meta-gradient is then the exact gradient of the returned sum (how tests check it).
    /// </summary>
    public double RunWindow(int steps, ReadOnlySpan<double> fixedGradients = default)
    {
        if (steps < 1 || steps > _settings.Window)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"A window runs 1 to {_settings.Window} steps.");
        Weights.CopyTo(_windowStart, 0);
        _network.BeginWindow(1, _settings.Window, carryState: _started);
        _started = true;
        double sum = 0;
        for (var e = 0; e < steps; e++)
        {
            var g = _gradients.AsSpan(e * _p, _p);
            var stepped = _stepped.AsSpan(e * _p, _p);
            var loss = _task.LossAndGradient(Weights, _lossGradients.AsSpan(e * _p, _p));
            (fixedGradients.IsEmpty ? _lossGradients.AsSpan(e * _p, _p) : fixedGradients.Slice(e * _p, _p)).CopyTo(g);
            Losses[e] = loss;
            sum += loss;
            StepSizes[e] = StepSize;
            for (var i = 0; i < _p; i++) stepped[i] = Weights[i] - StepSize * g[i];
            var output = _outs.AsSpan(e * _outputs, _outputs);
            _network.Step(g, output);
            StepSize = TeleportScaling.Clamp(output[_s2], _settings.MinStepSize, _settings.MaxStepSize);
            if (_settings.Teleport)
            {
                TeleportScaling.Normalize(output[.._s2], _settings.TeleportScale, _algebra.AsSpan(e * _s2, _s2));
                _teleport.Apply(stepped, _algebra.AsSpan(e * _s2, _s2), Weights);
                TeleportLossChanges[e] = _task.Loss(Weights) - _task.Loss(stepped);
            }
            else
            {
                stepped.CopyTo(Weights);
                TeleportLossChanges[e] = 0;
            }
        }
        _recorded = steps;
        return sum;
    }

    /// <summary>∂(Σ L_e)/∂φ of the last window (first order), written to <paramref name="metaGradient"/> in the network's Parameters layout.</summary>
    public void MetaGradient(Span<double> metaGradient)
    {
        var steps = _recorded;
        if (steps == 0) throw new InvalidOperationException("MetaGradient needs a window: call RunWindow first.");
        var outputCotangents = _outputCotangents.AsSpan(0, steps * _outputs);
        outputCotangents.Clear();
        Array.Clear(_weightsCotangent);
        for (var e = steps - 1; e >= 0; e--)
        {
            var g = _gradients.AsSpan(e * _p, _p);
            var stepped = _stepped.AsSpan(e * _p, _p);
            var delta = outputCotangents.Slice(e * _outputs, _outputs);
            if (_settings.Teleport)
            {
                var algebra = _algebra.AsSpan(e * _s2, _s2);
                _teleport.Vjp(stepped, algebra, _weightsCotangent, _steppedCotangent, _algebraCotangent);
                TeleportScaling.NormalizeVjp(_outs.AsSpan(e * _outputs, _s2), _settings.TeleportScale, _algebraCotangent, delta[.._s2]);
            }
            else
            {
                _weightsCotangent.CopyTo(_steppedCotangent, 0);
            }
            // η_e = clamp(o_{e−1}): W′_e = W_e − η_e·G_e gives η̄_e = −⟨W̄′, G_e⟩.
            if (e > 0)
            {
                double dot = 0;
                for (var i = 0; i < _p; i++) dot += _steppedCotangent[i] * g[i];
                var o = _outs[(e - 1) * _outputs + _s2];
                outputCotangents[(e - 1) * _outputs + _s2] += -dot * TeleportScaling.ClampDerivative(o, _settings.MinStepSize, _settings.MaxStepSize);
            }
            // W̄_e = W̄′ + ∂L_e/∂W_e (the loss's own gradient; ∂W′/∂W_e = I with G detached)
            var lossGradient = _lossGradients.AsSpan(e * _p, _p);
            for (var i = 0; i < _p; i++) _weightsCotangent[i] = _steppedCotangent[i] + lossGradient[i];
        }
        _network.WindowGradient(outputCotangents, metaGradient);
    }
}
