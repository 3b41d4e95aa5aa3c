using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Constants as written that float cannot hold at full precision (1e50 is ±∞ in float, 1e-50 rounds to 0, 1e-40 to a
/// subnormal). The
/// parser does not judge them: the simplifier may combine them away (x*1e-50*1e50 is x). The derivation judges the
/// constants of the code the generator writes (TP0018, TP0024), and its diagnostic points at the one written here when
/// the value is the same.
/// </summary>
internal sealed partial class ActivationParser
{
    private readonly List<WrittenConstant> _constantsOutsideFloat = new();

    /// <summary>The constant sub-formulas (and products of a chain's constant factors) outside float's normal range, innermost first.</summary>
    public IReadOnlyList<WrittenConstant> ConstantsOutsideFloat => _constantsOutsideFloat;

    /// <summary>Notes <paramref name="p"/> (a constant of value <paramref name="value"/>) when float cannot hold it at full precision.</summary>
    private void NoteOutsideFloat(Parsed p, double value)
    {
        if (FloatRounding.IsOutsideFloat(value))
        {
            _constantsOutsideFloat.Add(new WrittenConstant(p.Start, p.End - p.Start, value));
        }
    }
}
