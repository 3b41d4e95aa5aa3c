using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// <see cref="SymmetryInfo"/> for hand-written test models, filled in as the generator fills it for
/// DESIGN.md's S1–S4 on a hidden layer (kind, group, exactness), so the tests can name symmetries by id.
/// </summary>
internal static class TestSymmetries
{
    public static SymmetryKind Kind(string id) => id switch
    {
        "S1" => SymmetryKind.GeneralLinear,
        "S2" => SymmetryKind.Diagonal,
        "S3" => SymmetryKind.DataDependent,
        "S4" => SymmetryKind.LeastSquares,
        _ => SymmetryKind.Custom,
    };

    /// <summary>Symmetry <paramref name="id"/> on <paramref name="layer"/> (k = its width, d = its fan-in); a wrong <paramref name="dimension"/> for tests of the checks.</summary>
    public static SymmetryInfo On(string id, LayerInfo layer, int? dimension = null)
    {
        SymmetryKind kind = Kind(id);
        int k = layer.OutputSize;
        bool diagonal = kind == SymmetryKind.Diagonal;
        int limit = kind switch
        {
            SymmetryKind.DataDependent => layer.InputSize + (layer.HasBias ? 1 : 0),
            SymmetryKind.LeastSquares => k,
            _ => SymmetryInfo.AnyBatch,
        };
        return new SymmetryInfo(id, kind, diagonal ? SymmetryGroup.PositiveDiagonal : SymmetryGroup.GeneralLinear, layer.Index, layer.Index + 1,
            k, dimension ?? (diagonal ? k : k * k), limit, kind is SymmetryKind.DataDependent or SymmetryKind.LeastSquares,
            diagonal ? "(ℝ>0)^k" : "GL(k)", "", "", "");
    }
}
