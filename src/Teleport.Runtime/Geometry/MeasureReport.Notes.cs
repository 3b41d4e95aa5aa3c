using System.Collections.Generic;

namespace Teleport.Geometry;

/// <summary>Why a measure of a <see cref="MeasureReport"/> has no number: the labels that stand where NaN or ±∞ would.</summary>
public sealed partial record MeasureReport
{
    /// <summary>
    /// Each measure without a finite value, by its JSON name in the table's order, with why ("not computed: …" from the
    /// measure itself, or "not finite at these weights: …"); empty when every measure is a number. A measure listed
    /// here is written as null: NaN or ±∞ printed as a result would pass for a measurement.
    /// </summary>
    /// <remarks>
    /// With finite weights and inputs a measure can only become NaN or ±∞ by overflowing the model's precision (a
    /// product or a sum past its largest value; NaN from ∞ − ∞ or 0·∞ after it), so that is the cause given. ψ being
    /// null by design (no orbit derivatives) is <see cref="CurvaturePsiNote"/>, not a problem listed here.
    /// </remarks>
    public IReadOnlyList<KeyValuePair<string, string>> Problems()
    {
        var problems = new List<KeyValuePair<string, string>>();
        void Check(string name, double value, string cause)
        {
            if (!double.IsFinite(value)) problems.Add(new(name, NotFinite(value, cause)));
        }
        Check("loss", Loss, "the loss overflows the model's floating-point range");
        Check("hessian_trace", Trace.Trace, "the Hessian-vector product overflows the model's floating-point range");
        if (TopEigenvalue.Problem is { } eigen) problems.Add(new("hessian_top_eigenvalue", eigen));
        else Check("hessian_top_eigenvalue", TopEigenvalue.Eigenvalue, "the Hessian-vector product overflows the model's floating-point range");
        const string perturbed = "the loss at the perturbed weights overflows the model's floating-point range";
        Check("sharpness_phi", Phi.Phi, perturbed);
        if (PhiGaussian is { } g) Check("sharpness_phi_gaussian", g.Phi, perturbed);
        if (Adaptive is { } a) Check("adaptive_sharpness", a.MeanIncrease, perturbed);
        const string curves = "the orbit curves' derivatives overflow";
        if (CurvaturePsi is { } psi) Check("curvature_psi", psi, curves);
        if (CurvaturePsiExact is { } exact) Check("curvature_psi_exact", exact, curves);
        return problems;
    }

    /// <summary>Why the measure <paramref name="name"/> has no finite value, or null when it has one (<see cref="Problems"/>).</summary>
    public string? ProblemOf(string name)
    {
        foreach (var (key, problem) in Problems())
            if (key == name) return problem;
        return null;
    }

    /// <summary>"not finite at these weights: the loss overflows … (NaN)".</summary>
    public static string NotFinite(double value, string cause) =>
        $"not finite at these weights: {cause} ({(double.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "−∞")})";
}
