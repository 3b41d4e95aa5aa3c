using System;
using Teleport.LinearAlgebra;

namespace Teleport.MetaLearning;

/// <summary>How the S3 teleport moves U = W₁.</summary>
public enum TeleportForm
{
    /// <summary>The paper's first-order Lie form: U′ = U(I − T̂) (changes the loss by O(‖T̂‖²)).</summary>
    Lie,

    /// <summary>The exact inverse U′ = U(I + T̂)⁻¹: the loss is unchanged (the ablation).</summary>
    ExactInverse,
}

/// <summary>
/// The S3 teleport of a <see cref="RegressionTask"/>'s layer pair by g = I + T̂ (T̂ in the Lie algebra gl(size)),
/// V = W₀, U = W₁, A = σ(VX), Z′ = gA: V′ = σ⁻¹(Z′)X⁻¹ and U′ = U(I − T̂) (Lie form) or U·g⁻¹ (exact); and its
/// vector-Jacobian product (the research notes' B5.3): Z̄ = σ⁻¹′(Z′) ⊙ (V̄′X⁻ᵀ), T̂̄ = Z̄Aᵀ − UᵀŪ′ (Lie; exact:
/// Z̄Aᵀ − U′ᵀŪ′g⁻ᵀ), V̄ = (σ′(VX) ⊙ (gᵀZ̄))Xᵀ, Ū = Ū′(I − T̂)ᵀ (Lie; exact: Ū′g⁻ᵀ). Scratch is owned by the instance.
/// </summary>
public sealed class LieTeleport
{
    private readonly RegressionTask _task;
    private readonly int _s;
    private readonly double[] _z;
    private readonly double[] _a;
    private readonly double[] _zPrime;
    private readonly double[] _g;
    private readonly double[] _gInverse;
    private readonly double[] _zBar;
    private readonly double[] _m;
    private readonly double[] _lu;
    private readonly int[] _pivots;

    public LieTeleport(RegressionTask task, TeleportForm form)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (form is not (TeleportForm.Lie or TeleportForm.ExactInverse))
            throw new ArgumentOutOfRangeException(nameof(form), form, "The teleport form must be Lie or ExactInverse.");
        _task = task;
        Form = form;
        _s = task.Size;
        var s2 = _s * _s;
        _z = new double[s2];
        _a = new double[s2];
        _zPrime = new double[s2];
        _g = new double[s2];
        _gInverse = new double[s2];
        _zBar = new double[s2];
        _m = new double[s2];
        _lu = new double[s2];
        _pivots = new int[_s];
    }

    public TeleportForm Form { get; }

    /// <summary>W′ = teleport of <paramref name="weights"/> by g = I + <paramref name="algebra"/> (may alias weights).</summary>
    public void Apply(ReadOnlySpan<double> weights, ReadOnlySpan<double> algebra, Span<double> result)
    {
        var s = _s;
        var s2 = s * s;
        Prepare(weights, algebra);
        ModelArguments.CheckLength(result.Length, 2L * s2, nameof(result));
        // U′ first: it reads U, which result may alias.
        if (Form == TeleportForm.Lie)
        {
            // U′ = U − U·T̂
            SmallMatrix.MultiplyNN<double>(weights.Slice(s2, s2), algebra, _m, s, s, s);
            for (var i = 0; i < s2; i++) result[s2 + i] = weights[s2 + i] - _m[i];
        }
        else
        {
            SmallMatrix.MultiplyNN<double>(weights.Slice(s2, s2), _gInverse, _m, s, s, s);
            _m.CopyTo(result.Slice(s2, s2));
        }
        // V′ = σ⁻¹(Z′)·X⁻¹
        for (var i = 0; i < s2; i++) _m[i] = RegressionTask.ActivationInverse(_zPrime[i]);
        SmallMatrix.MultiplyNN<double>(_m, _task.InputsInverse, result[..s2], s, s, s);
    }

    /// <summary>
    /// Given W̄′ (the cotangent of the teleported weights), writes W̄ (the cotangent of the weights before) and T̂̄
    /// (of the algebra element). <paramref name="weights"/> are the weights before the teleport.
    /// </summary>
    public void Vjp(ReadOnlySpan<double> weights, ReadOnlySpan<double> algebra, ReadOnlySpan<double> resultCotangent, Span<double> weightsCotangent, Span<double> algebraCotangent)
    {
        var s = _s;
        var s2 = s * s;
        Prepare(weights, algebra);
        ModelArguments.CheckLength(resultCotangent.Length, 2L * s2, nameof(resultCotangent));
        ModelArguments.CheckLength(weightsCotangent.Length, 2L * s2, nameof(weightsCotangent));
        ModelArguments.CheckLength(algebraCotangent.Length, s2, nameof(algebraCotangent));
        var vBar = resultCotangent[..s2];
        var uBar = resultCotangent.Slice(s2, s2);
        // Z̄ = σ⁻¹′(Z′) ⊙ (V̄′·X⁻ᵀ)
        SmallMatrix.MultiplyNT<double>(vBar, _task.InputsInverse, _zBar, s, s, s);
        for (var i = 0; i < s2; i++) _zBar[i] *= RegressionTask.ActivationInverseDerivative(_zPrime[i]);
        // T̂̄ = Z̄·Aᵀ − (U-term)
        SmallMatrix.MultiplyNT<double>(_zBar, _a, algebraCotangent, s, s, s);
        if (Form == TeleportForm.Lie)
        {
            // − Uᵀ·Ū′;  Ū = Ū′(I − T̂)ᵀ = Ū′ − Ū′·T̂ᵀ
            SmallMatrix.MultiplyTN<double>(weights.Slice(s2, s2), uBar, _m, s, s, s);
            for (var i = 0; i < s2; i++) algebraCotangent[i] -= _m[i];
            SmallMatrix.MultiplyNT<double>(uBar, algebra, _m, s, s, s);
            for (var i = 0; i < s2; i++) weightsCotangent[s2 + i] = uBar[i] - _m[i];
        }
        else
        {
            // Ū = Ū′·g⁻ᵀ;  − U′ᵀ·Ū′·g⁻ᵀ = −(U·g⁻¹)ᵀ·Ū
            SmallMatrix.MultiplyNT<double>(uBar, _gInverse, weightsCotangent.Slice(s2, s2), s, s, s);
            SmallMatrix.MultiplyNN<double>(weights.Slice(s2, s2), _gInverse, _lu, s, s, s);
            SmallMatrix.MultiplyTN<double>(_lu, weightsCotangent.Slice(s2, s2), _m, s, s, s);
            for (var i = 0; i < s2; i++) algebraCotangent[i] -= _m[i];
        }
        // V̄ = (σ′(Z) ⊙ (gᵀ·Z̄))·Xᵀ
        SmallMatrix.MultiplyTN<double>(_g, _zBar, _m, s, s, s);
        for (var i = 0; i < s2; i++) _m[i] *= RegressionTask.ActivationDerivative(_z[i]);
        SmallMatrix.MultiplyNT<double>(_m, _task.Inputs, weightsCotangent[..s2], s, s, s);
    }

    /// <summary>Z = VX, A = σ(Z), g = I + T̂, Z′ = gA, and g⁻¹ for the exact form.</summary>
    private void Prepare(ReadOnlySpan<double> weights, ReadOnlySpan<double> algebra)
    {
        var s = _s;
        var s2 = s * s;
        ModelArguments.CheckLength(weights.Length, 2L * s2, nameof(weights));
        ModelArguments.CheckLength(algebra.Length, s2, nameof(algebra));
        SmallMatrix.MultiplyNN<double>(weights[..s2], _task.Inputs, _z, s, s, s);
        for (var i = 0; i < s2; i++) _a[i] = RegressionTask.Activation(_z[i]);
        algebra.CopyTo(_g);
        SmallMatrix.AddToDiagonal<double>(_g, s, 1.0);
        SmallMatrix.MultiplyNN<double>(_g, _a, _zPrime, s, s, s);
        if (Form != TeleportForm.ExactInverse) return;
        _g.CopyTo(_lu);
        var result = LuDecomposition.Factor<double>(_lu, s, _pivots);
        if (!result.Succeeded) throw new InvalidOperationException($"The teleport's group element I + T̂ is not invertible: {result}.");
        LuDecomposition.Invert<double>(_lu, _pivots, s, _gInverse);
    }
}
