namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>Lowerings of the functions a target lacks, written for accuracy and no spurious overflow.</summary>
internal sealed partial class EmitterSession
{
    /// <summary>1/(1 + e⁻ᵘ): e⁻ᵘ = ∞ gives 0, never NaN.</summary>
    private CSharpCode Sigmoid(CSharpCode u) =>
        _d.Divide(C(1), _d.Add(C(1), _d.Call("Exp", _d.Negate(u))));

    /// <summary>Scalar: the library's tanh. Vector: sign(u)·(−m)/(2 + m), m = expm1(−2|u|) (exact near 0, saturates to ±1).</summary>
    private CSharpCode Tanh(CSharpCode u)
    {
        if (_d.Has("Tanh"))
        {
            return _d.Call("Tanh", u);
        }

        var v = Bind(u);
        var m = Bind(Expm1(_d.Multiply(C(-2), _d.Call("Abs", v))));
        return _d.Call("CopySign", _d.Divide(_d.Negate(m), _d.Add(C(2), m)), v);
    }

    /// <summary>Scalar: the library's atanh. Vector: ½·(log1p(u) − log1p(−u)), accurate near 0 and near ±1.</summary>
    private CSharpCode Atanh(CSharpCode u)
    {
        if (_d.Has("Atanh"))
        {
            return _d.Call("Atanh", u);
        }

        var v = Bind(u);
        return _d.Multiply(C(0.5), _d.Subtract(Bind(Log1p(v)), Log1p(_d.Negate(v))));
    }

    /// <summary>
    /// expm1(u): for |u| &lt; 0.5, w = eᵘ and (w − 1)·u/log(w) (exact w − 1 cancels the rounding of eᵘ; u when w = 1);
    /// else eᵘ − 1.
    /// </summary>
    private CSharpCode Expm1(CSharpCode u)
    {
        var v = Bind(u);
        var w = Bind(_d.Call("Exp", v));
        var wMinusOne = _d.Subtract(w, C(1));
        var corrected = _d.Select("==", w, C(1), v, _d.Divide(_d.Multiply(wMinusOne, v), _d.Call("Log", w)));
        return _d.Select("<", _d.Call("Abs", v), C(0.5), corrected, wMinusOne);
    }

    /// <summary>
    /// log1p(u): for |u| &lt; 0.5, w = 1 + u and log(w)·u/(w − 1) (u when w = 1); else log(1 + u).
    /// </summary>
    private CSharpCode Log1p(CSharpCode u)
    {
        var v = Bind(u);
        var w = Bind(_d.Add(C(1), v));
        var logW = Bind(_d.Call("Log", w));
        var corrected = _d.Select("==", w, C(1), v, _d.Multiply(logW, _d.Divide(v, _d.Subtract(w, C(1)))));
        return _d.Select("<", _d.Call("Abs", v), C(0.5), corrected, logW);
    }

    /// <summary>1 for u &gt; 0, −1 for u &lt; 0, u itself for ±0 and NaN.</summary>
    private CSharpCode Sign(CSharpCode u)
    {
        var v = Bind(u);
        return _d.Select(">", v, C(0), C(1), _d.Select("<", v, C(0), C(-1), v));
    }
}
