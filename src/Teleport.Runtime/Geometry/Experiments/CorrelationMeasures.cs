using System.Collections.Generic;

namespace Teleport.Geometry.Experiments;

/// <summary>The quantities of the study: what each run measures (x) and what it is correlated with (y).</summary>
public static class CorrelationMeasures
{
    public const string SharpnessPhi = "sharpness_phi";
    public const string SharpnessPhiIncrease = "sharpness_phi_increase";
    public const string HessianTrace = "hessian_trace";
    public const string HessianTopEigenvalue = "hessian_top_eigenvalue";
    public const string AdaptiveSharpness = "adaptive_sharpness";
    public const string TrainLoss = "train_loss";
    public const string CurvaturePsi = "curvature_psi";
    public const string CurvaturePsiExact = "curvature_psi_exact";

    public const string TestLoss = "test_loss";
    public const string GeneralizationGap = "generalization_gap";

    /// <summary>The measures, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [SharpnessPhi, SharpnessPhiIncrease, HessianTrace, HessianTopEigenvalue, AdaptiveSharpness, TrainLoss, CurvaturePsi, CurvaturePsiExact];

    /// <summary>
    /// What a run of the study writes under its <c>"measures"</c>, every one of them (null when it has no number): all but
    /// the training loss, which is the run's own <c>"train_loss"</c>.
    /// </summary>
    public static IReadOnlyList<string> Written { get; } = [SharpnessPhi, SharpnessPhiIncrease, HessianTrace, HessianTopEigenvalue, AdaptiveSharpness, CurvaturePsi, CurvaturePsiExact];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="All"/> (ordinal).</summary>
    public static bool IsMeasure(string name)
    {
        foreach (var measure in All)
            if (string.Equals(measure, name, System.StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The targets.</summary>
    public static IReadOnlyList<string> Targets { get; } = [TestLoss, GeneralizationGap];

    /// <summary>One line per quantity, for reports.</summary>
    public static string Describe(string name) => name switch
    {
        SharpnessPhi => "φ, the paper's sharpness: mean training-batch loss at w + t·d/‖d‖, d ~ U[0,1)^P, its 20 radii, one direction per (batch, radius), divided by the batch size 200",
        SharpnessPhiIncrease => "φ's mean perturbed loss minus the unperturbed loss on the same batches (φ without the loss level)",
        HessianTrace => "tr H of the mean training loss on the first N training samples (exact unless configured otherwise)",
        HessianTopEigenvalue => "the largest eigenvalue of H on the same samples (Lanczos, to the stated relative residual)",
        AdaptiveSharpness => "average-case adaptive sharpness E[L(w + ρ|w|⊙ε)] − L(w), ε ~ N(0, I), on φ's batches: invariant under the exact S2 rescalings",
        TrainLoss => "the final mean loss on the whole training set (a reference: the paper's φ is nearly this / 200)",
        CurvaturePsi => "ψ, the paper's orbit curvature: mean κ of one S3 orbit curve per φ batch (all hidden layers, M_m ~ U[0,1) with ‖M_m‖_F = 1), the authors' γ′, γ″ (σ″ dropped, per-pair sums of γ″)",
        CurvaturePsiExact => "ψ of the exact composed S3 orbit curves on the same batches and generators (cross terms of γ″ kept)",
        TestLoss => "the final mean loss on the official test set",
        GeneralizationGap => "test loss − training loss, both at the final weights on the whole sets",
        _ => name,
    };
}
