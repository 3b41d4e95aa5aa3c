using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Powers. Scalar code calls the library's Pow (IEEE 754 pow); vector code has no Pow, so every vector lowering here
/// must give what Pow gives on each input class: a loop computes its SIMD body in vectors and its tail in scalars, and
/// the same activation must not give two values for one input.
/// </summary>
internal sealed partial class EmitterSession
{
    /// <summary>
    /// uⁿ for a constant n: integers up to 64 by repeated squaring (1/uⁿ for n &lt; 0), n + ½ with a square
    /// root, larger integers in vectors as ±|u|ⁿ, anything else as the general power.
    /// </summary>
    private CSharpCode Power(CSharpCode u, double n)
    {
        if (n == 0)
        {
            return C(1);
        }

        if (n == 1)
        {
            return u;
        }

        if (n == 0.5)
        {
            return _d.Call("Sqrt", u);
        }

        var magnitude = Math.Abs(n);
        if (magnitude <= 64 && NumericFunctions.IsInteger(2 * magnitude))
        {
            var v = Bind(u);
            var whole = (int)Math.Floor(magnitude);
            var result = whole > 0 ? IntegerPower(v, whole) : (CSharpCode?)null;
            if (magnitude != whole)
            {
                var root = _d.Call("Sqrt", v);
                result = result is { } r ? _d.Multiply(r, root) : root;
            }

            return n > 0 ? result!.Value : _d.Divide(C(1), result!.Value);
        }

        // An integer n past 64 in vectors: exp(n·log u) is NaN for every u < 0, where the scalar Pow (and the
        // interpreter) give ±|u|ⁿ; so |u|ⁿ = exp(n·log|u|), with u's sign for odd n (uⁿ = sign(u)ⁿ·|u|ⁿ). In float an odd
        // n past 2²⁴ is no float (x^16777217 would be Pow(x, 16777216f), even): the scalar code takes u's sign the same way.
        if (NumericFunctions.IsInteger(n) && (!_d.Has("Pow") || (_d.Type == NumericType.Float32 && Math.Abs(n) > 16777216)))
        {
            var v = Bind(u);
            var power = PowerOfMagnitude(_d.Call("Abs", v), n);
            return Math.IEEERemainder(n, 2) != 0 ? _d.Call("CopySign", power, v) : power;
        }

        return _d.Has("Pow") || double.IsNaN(n) || double.IsInfinity(n) ? GeneralPower(u, C(n)) : FractionalPower(u, n);
    }

    private CSharpCode IntegerPower(CSharpCode v, int n)
    {
        if (n == 1)
        {
            return v;
        }

        if (n <= 3)
        {
            return n == 2 ? _d.Multiply(v, v) : _d.Multiply(_d.Multiply(v, v), v);
        }

        var half = Bind(IntegerPower(v, n / 2));
        var square = _d.Multiply(half, half);
        return n % 2 == 0 ? square : _d.Multiply(square, v);
    }

    /// <summary>
    /// mⁿ for m = |u| (≥ 0 or NaN) and a finite constant n ≠ 0: Pow, or exp(n·log m), which is Pow's value there
    /// (log 0 = −∞ gives 0 or ∞, log ∞ = ∞ gives ∞ or 0, log 1 = 0 gives 1; n ≠ 0 so no 0·∞).
    /// </summary>
    private CSharpCode PowerOfMagnitude(CSharpCode m, double n) =>
        _d.Has("Pow") ? _d.Call("Pow", m, C(n)) : _d.Call("Exp", _d.Multiply(C(n), _d.Call("Log", m)));

    /// <summary>
    /// Vector uⁿ for a finite constant n that is no integer: exp(n·log u) is Pow's value (NaN for u &lt; 0, 0 or ∞ at
    /// u = ±0, 1 at u = 1) except at u = −∞, where log is NaN but Pow gives (−∞)ⁿ = ∞ for n &gt; 0 and 0 for n &lt; 0.
    /// </summary>
    private CSharpCode FractionalPower(CSharpCode u, double n)
    {
        var v = Bind(u);
        return _d.Select("==", v, C(double.NegativeInfinity), C(n > 0 ? double.PositiveInfinity : 0),
            _d.Call("Exp", _d.Multiply(C(n), _d.Call("Log", v))));
    }

    /// <summary>
    /// kᵇ for a constant base k (2^x): in vectors exp(b·log k) when k, in the emitted type, is positive, finite and not 1 —
    /// log k is then finite and nonzero, so b·log k is NaN only for a NaN b (Pow gives NaN), ±∞ for b = ±∞ (exp gives ∞
    /// or 0, as Pow) and 0 for b = 0 (exp gives 1): Pow's value everywhere, without <see cref="GeneralPower"/>'s selects.
    /// </summary>
    private CSharpCode PowerOfConstant(double k, CSharpCode a, CSharpCode b)
    {
        var inType = _d.Type == NumericType.Float32 ? (float)k : k;
        return _d.Has("Pow") || !(inType > 0 && !double.IsInfinity(inType) && inType != 1)
            ? GeneralPower(a, b)
            : _d.Call("Exp", _d.Multiply(b, _d.Call("Log", a)));
    }

    /// <summary>
    /// aᵇ (b a variable, or a constant no path above takes). Scalar: the library's Pow. Vector: IEEE pow composed of
    /// exp, log, floor and selects, equal to Pow on every input class (not only where exp(b·log a) is defined):
    /// <list type="bullet">
    /// <item>m = |a|ᵇ = exp(b·log|a|), but 1 where b = 0 or |a| = 1: a⁰ = 1 even for a = 0, ∞, NaN (exp(0·∓∞) would be
    /// NaN), and 1ᵇ = (−1)^±∞ = 1 (exp(±∞·0) would be NaN);</item>
    /// <item>an integer b (⌊b⌋ = b, true for ±∞) gives m with a's sign when b is odd (⌊b/2⌋ ≠ b/2; b/2 is exact):
    /// (−2)³ = −8, (−2)⁻² = ¼, (−0)⁻¹ = −∞, (−∞)³ = −∞;</item>
    /// <item>a b that is no integer (or NaN) gives NaN for a finite a &lt; 0 (no real power), m for −∞ ((−∞)ᵇ = ∞ for
    /// b &gt; 0, 0 for b &lt; 0), and m for a ≥ 0 (−0 included: (−0)^½ = 0).</item>
    /// </list>
    /// NaN in a or b reaches m through exp and log, except where Pow itself gives 1.
    /// </summary>
    private CSharpCode GeneralPower(CSharpCode a, CSharpCode b)
    {
        if (_d.Has("Pow"))
        {
            return _d.Call("Pow", a, b);
        }

        var va = Bind(a);
        var vb = Bind(b);
        var absA = Bind(_d.Call("Abs", va));
        var m = Bind(_d.Select("==", vb, C(0), C(1),
            _d.Select("==", absA, C(1), C(1), _d.Call("Exp", _d.Multiply(vb, _d.Call("Log", absA))))));
        var halfB = Bind(_d.Multiply(vb, C(0.5)));
        var integerB = _d.Select("==", _d.Call("Floor", halfB), halfB, m, _d.Call("CopySign", m, va));
        var otherB = _d.Select("<", va, C(0), _d.Select("==", va, C(double.NegativeInfinity), m, C(double.NaN)), m);
        return _d.Select("==", _d.Call("Floor", vb), vb, integerB, otherB);
    }
}
