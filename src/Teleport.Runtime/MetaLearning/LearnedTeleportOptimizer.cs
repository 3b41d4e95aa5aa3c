using System;

namespace Teleport.MetaLearning;

/// <summary>
/// The inner optimisation of LSTM(lr, tele) on one <see cref="RegressionTask"/>, run a window of steps at a time
/// with the meta-gradient of the window's summed loss (the paper's Figure 6, its code order). At step e:
/// L_e, G_e = L(W_e), ∇L(W_e); W′_e = W_e − η_e·G_e; [T_e, o_e] = LSTM(G_e) (one window step);
/// T̂_e = c·T_e/‖T_e‖; η_{e+1} = clamp(o_e); W_{e+1} = S3(W′_e, T̂_e). The meta-loss is Σ_e L_e over the window.
/// Reverse sweep: W̄ = 0 after the last step; for e backwards, (W̄′, T̂̄_e) = S3's VJP, δT_e = the normalisation's
/// VJP, δo_{e−1} += −⟨W̄′, G_e⟩·clamp′ (η_e of the window's first step is a constant: the previous window chose it),
/// W̄_e = W̄′ + ∇L_e. First order (G detached, as the paper): then WindowGradient(δ[T, o]) is ∂(Σ L_e)/∂φ. Second
/// order (G_e = ∇L(W_e) differentiated): W̄_e also gets H(W_e)·(Ḡ_e − η_e·W̄′), where Ḡ_e = ∂/∂G_e of the network's
/// outputs from step e on, which needs δY_{≥e} — known only when the sweep reaches e — so the network's WindowVjp runs
/// at every step of the sweep (k VJPs of the window instead of one, plus k task HVPs). Buffers are allocated once.
/// </summary>
public sealed class LearnedTeleportOptimizer : InnerOptimizer
{
    private readonly IRecurrentModel<double> _network;
    private readonly IRecurrentModel<double>[] _networks;
    private readonly int _outputs;
    private readonly double[] _outs;
    private readonly double[] _outputCotangents;
    private readonly double[] _inputCotangents;

    public LearnedTeleportOptimizer(IRecurrentModel<double> network, RegressionTask task, MetaSettings settings)
        : base(task, settings)
    {
        _network = network;
        _networks = [network];
        _outputs = S2 + 1;
        CheckNetwork(network, P, _outputs, $"LSTM(lr, tele) on a task of size {task.Size} (the gradient → T and the step size)");
        var k = settings.Window;
        StepSize = settings.InitialStepSize;
        _outs = new double[k * _outputs];
        _outputCotangents = new double[k * _outputs];
        _inputCotangents = settings.SecondOrder ? new double[k * P] : [];
    }

    /// <summary>η for the next step.</summary>
    public double StepSize { get; private set; }

    public override IRecurrentModel<double>[] Networks => _networks;

    protected override void Step(int e)
    {
        var g = Inputs.AsSpan(e * P, P);
        var stepped = Stepped.AsSpan(e * P, P);
        StepSizes[e] = StepSize;
        for (var i = 0; i < P; i++) stepped[i] = Weights[i] - StepSize * g[i];
        var output = _outs.AsSpan(e * _outputs, _outputs);
        _network.Step(g, output);
        StepSize = TeleportScaling.Clamp(output[S2], Settings.MinStepSize, Settings.MaxStepSize);
        Teleport(e, output[..S2]);
    }

    protected override void Reverse(Span<double> gradient, Span<double> secondGradient)
    {
        var steps = RecordedSteps;
        var outputCotangents = _outputCotangents.AsSpan(0, steps * _outputs);
        outputCotangents.Clear();
        Array.Clear(WeightsCotangent);
        for (var e = steps - 1; e >= 0; e--)
        {
            var g = Inputs.AsSpan(e * P, P);
            TeleportVjp(e, _outs.AsSpan(e * _outputs, S2), outputCotangents.Slice(e * _outputs, S2));
            // η_e = clamp(o_{e−1}): W′_e = W_e − η_e·G_e gives η̄_e = −⟨W̄′, G_e⟩.
            if (e > 0)
            {
                double dot = 0;
                for (var i = 0; i < P; i++) dot += SteppedCotangent[i] * g[i];
                var o = _outs[(e - 1) * _outputs + S2];
                outputCotangents[(e - 1) * _outputs + S2] += -dot * TeleportScaling.ClampDerivative(o, Settings.MinStepSize, Settings.MaxStepSize);
            }
            AddLossGradient(e);
            if (!Settings.SecondOrder) continue;
            // Ḡ_e from δY_{≥e} (complete now); v = Ḡ_e − η_e·W̄′ is the cotangent G_e = ∇L(W_e) receives.
            _network.WindowVjp(outputCotangents, gradient, _inputCotangents.AsSpan(0, steps * P));
            var inputCotangent = _inputCotangents.AsSpan(e * P, P);
            for (var i = 0; i < P; i++) inputCotangent[i] -= StepSizes[e] * SteppedCotangent[i];
            AddHessianTerm(e, inputCotangent);
        }
        // Second order: the last WindowVjp (e = 0) saw every δY and wrote the gradient already.
        if (!Settings.SecondOrder) _network.WindowGradient(outputCotangents, gradient);
    }
}
