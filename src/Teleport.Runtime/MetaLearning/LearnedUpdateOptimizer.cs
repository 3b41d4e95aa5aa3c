using System;

namespace Teleport.MetaLearning;

/// <summary>
/// The inner optimisation of LSTM(update) and LSTM(update, tele) (the paper's Figure 6, its code order): at step e,
/// L_e, G_e = L(W_e), ∇L(W_e); u_e = clamp(LSTM_upd(G_e), ±c_u); W′_e = W_e − u_e; with teleport T_e = LSTM_tele(G_e),
/// W_{e+1} = S3(W′_e, c·T_e/‖T_e‖), else W_{e+1} = W′_e. Two networks, meta-trained with their own learning rates.
/// Reverse sweep: (W̄′, T̂̄_e) = S3's VJP, δT_e = the normalisation's VJP, δu_e = −W̄′ ⊙ clamp′, W̄_e = W̄′ + ∇L_e;
/// first order: the networks' WindowGradient(δu), WindowGradient(δT). Second order: W̄_e also gets
/// H(W_e)·(Ḡ_e^upd + Ḡ_e^tele), each network's WindowVjp running at every step of the sweep (see
/// <see cref="LearnedTeleportOptimizer"/>). Buffers are allocated once.
/// </summary>
public sealed class LearnedUpdateOptimizer : InnerOptimizer
{
    private readonly IRecurrentModel<double> _updater;
    private readonly IRecurrentModel<double>? _teleporter;
    private readonly IRecurrentModel<double>[] _networks;
    private readonly double[] _updates;
    private readonly double[] _algebras;
    private readonly double[] _updateCotangents;
    private readonly double[] _algebraCotangents;
    private readonly double[] _updateInputCotangents;
    private readonly double[] _teleportInputCotangents;

    /// <param name="updater">LSTM_upd: ∇L (P values) → the update u (P values).</param>
    /// <param name="teleporter">LSTM_tele: ∇L → T (size² values); required when <see cref="MetaSettings.Teleport"/> is set, ignored otherwise.</param>
    /// <param name="task">The inner problem.</param>
    /// <param name="settings">The variant's constants (<see cref="MetaSettings.Teleport"/> chooses LSTM(update, tele) or LSTM(update)).</param>
    public LearnedUpdateOptimizer(IRecurrentModel<double> updater, IRecurrentModel<double>? teleporter, RegressionTask task, MetaSettings settings)
        : base(task, settings)
    {
        CheckNetwork(updater, P, P, $"LSTM(update) on a task of size {task.Size} (the gradient → the update)");
        _updater = updater;
        if (settings.Teleport)
        {
            _teleporter = teleporter ?? throw new ArgumentNullException(nameof(teleporter), "LSTM(update, tele) needs a teleport network.");
            CheckNetwork(_teleporter, P, S2, $"the teleport network of LSTM(update, tele) on a task of size {task.Size} (the gradient → T)");
        }
        _networks = _teleporter is null ? [updater] : [updater, _teleporter];
        var k = settings.Window;
        _updates = new double[k * P];
        _algebras = new double[k * S2];
        _updateCotangents = new double[k * P];
        _algebraCotangents = new double[k * S2];
        _updateInputCotangents = settings.SecondOrder ? new double[k * P] : [];
        _teleportInputCotangents = settings.SecondOrder && _teleporter is not null ? new double[k * P] : [];
    }

    public override IRecurrentModel<double>[] Networks => _networks;

    protected override void Step(int e)
    {
        var g = Inputs.AsSpan(e * P, P);
        var stepped = Stepped.AsSpan(e * P, P);
        var raw = _updates.AsSpan(e * P, P);
        _updater.Step(g, raw);
        double updateNorm = 0, gradientNorm = 0;
        for (var i = 0; i < P; i++)
        {
            var u = TeleportScaling.Clamp(raw[i], -Settings.UpdateClamp, Settings.UpdateClamp);
            stepped[i] = Weights[i] - u;
            updateNorm += u * u;
            gradientNorm += g[i] * g[i];
        }
        StepSizes[e] = gradientNorm > 0 ? Math.Sqrt(updateNorm / gradientNorm) : 0;
        var algebra = _algebras.AsSpan(e * S2, S2);
        _teleporter?.Step(g, algebra);
        Teleport(e, algebra);
    }

    protected override void Reverse(Span<double> gradient, Span<double> secondGradient)
    {
        var steps = RecordedSteps;
        var updateCotangents = _updateCotangents.AsSpan(0, steps * P);
        var algebraCotangents = _algebraCotangents.AsSpan(0, steps * S2);
        algebraCotangents.Clear();
        Array.Clear(WeightsCotangent);
        for (var e = steps - 1; e >= 0; e--)
        {
            TeleportVjp(e, _algebras.AsSpan(e * S2, S2), algebraCotangents.Slice(e * S2, S2));
            // W′_e = W_e − clamp(u_e): δu_e = −W̄′ ⊙ clamp′(u_e)
            var raw = _updates.AsSpan(e * P, P);
            var updateCotangent = updateCotangents.Slice(e * P, P);
            for (var i = 0; i < P; i++)
                updateCotangent[i] = -SteppedCotangent[i] * TeleportScaling.ClampDerivative(raw[i], -Settings.UpdateClamp, Settings.UpdateClamp);
            AddLossGradient(e);
            if (!Settings.SecondOrder) continue;
            // v = Ḡ_e^upd + Ḡ_e^tele, from δ[u, T]_{≥e} (complete now): the cotangent G_e = ∇L(W_e) receives.
            _updater.WindowVjp(updateCotangents, gradient, _updateInputCotangents.AsSpan(0, steps * P));
            var v = _updateInputCotangents.AsSpan(e * P, P);
            if (_teleporter is not null)
            {
                _teleporter.WindowVjp(algebraCotangents, secondGradient, _teleportInputCotangents.AsSpan(0, steps * P));
                var t = _teleportInputCotangents.AsSpan(e * P, P);
                for (var i = 0; i < P; i++) v[i] += t[i];
            }
            AddHessianTerm(e, v);
        }
        if (Settings.SecondOrder) return; // the last WindowVjp (e = 0) saw every cotangent and wrote the gradients
        _updater.WindowGradient(updateCotangents, gradient);
        _teleporter?.WindowGradient(algebraCotangents, secondGradient);
    }
}
