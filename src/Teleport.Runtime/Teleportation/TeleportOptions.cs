using System;

namespace Teleport.Teleportation;

/// <summary>
/// Settings of one teleport: gradient ascent of F = ‖∇L‖² on the symmetry group (or, with <see cref="Method"/>,
/// on the loss's level set or in the layers' input null spaces), with guards.
/// Every setter validates its value and throws <see cref="ArgumentOutOfRangeException"/> naming it.
/// </summary>
/// <remarks>
/// Defaults and why:
/// <list type="bullet">
/// <item><see cref="Steps"/> = 10: the paper's ascent steps per teleport.</item>
/// <item><see cref="LogarithmicAscent"/> = true with <see cref="LearningRate"/> = 0.05: the step is
/// η·(∂F/∂T)/F, scale-free, so one η serves networks whose ‖∇L‖² differ by orders of magnitude (the
/// papers' raw ascent needs η = 1e-4 for SGD/AdaGrad and 5e-2 for the others; set
/// LogarithmicAscent = false to reproduce it). With the trust region and backtracking below, a
/// too-large η costs retries, never a blow-up.</item>
/// <item><see cref="MaxStepNorm"/> = 0.5: per step and symmetry ‖η·T‖_F ≤ 0.5, so every singular value of
/// e^{ηT} lies in [e^−0.5, e^0.5] ≈ [0.61, 1.65] — exp stays finite, I + ηT stays invertible
/// (‖ηT‖₂ &lt; 1), and no step rescales a weight by more than 1.65×.</item>
/// <item><see cref="LossTolerance"/> = 1e-5 relative to the loss before the teleport — far above float
/// rounding of a mean loss, far below any change training would notice.</item>
/// <item><see cref="GradientNormSquaredCap"/> = +∞ (the paper used 100); it is checked after every step.</item>
/// <item><see cref="MaxBacktracks"/> = 6 with <see cref="BacktrackFactor"/> = 0.5: a step may shrink 64×
/// before the teleport stops.</item>
/// <item><see cref="RequireAscent"/> = true: a step that lowers ‖∇L‖² is rejected too, so the accepted
/// trace is non-decreasing.</item>
/// <item><see cref="GradientTransport"/> = true: when every active symmetry acts linearly on θ (S1, S2), ∇L at the
/// next point is the transported gradient, not a new pass over the batch (exact; 10–30× cheaper on a CNN).</item>
/// </list>
/// </remarks>
public sealed class TeleportOptions
{
    private int steps = 10;
    private double learningRate = 0.05;
    private SymmetrySet symmetries = SymmetrySet.Exact;
    private GroupElementMap map = GroupElementMap.Exponential;
    private double lossTolerance = 1e-5;
    private double gradientNormSquaredCap = double.PositiveInfinity;
    private int maxBacktracks = 6;
    private double backtrackFactor = 0.5;
    private double maxStepNorm = 0.5;

    /// <summary>Ascent steps (accepted steps at most); ≥ 0. Default 10.</summary>
    public int Steps
    {
        get => steps;
        set => steps = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Steps), value, "Steps must be ≥ 0.");
    }

    /// <summary>η in X = η·∂F/∂T (or η·(∂F/∂T)/F with <see cref="LogarithmicAscent"/>); finite and &gt; 0. Default 0.05.</summary>
    public double LearningRate
    {
        get => learningRate;
        set => learningRate = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must be finite and > 0.");
    }

    /// <summary>Which symmetries may be used. Default <see cref="SymmetrySet.Exact"/>.</summary>
    public SymmetrySet Symmetries
    {
        get => symmetries;
        set => symmetries = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Symmetries), value, "Symmetries must be SymmetrySet.Exact, All or LeastSquares.");
    }

    /// <summary>How X becomes a group element. Default <see cref="GroupElementMap.Exponential"/>.</summary>
    public GroupElementMap Map
    {
        get => map;
        set => map = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Map), value, "Map must be Exponential, Cayley or FirstOrder.");
    }

    /// <summary>Largest accepted |L − L₀| / max(|L₀|, 1e-30), L₀ the loss before the teleport; finite and ≥ 0. Default 1e-5.</summary>
    public double LossTolerance
    {
        get => lossTolerance;
        set => lossTolerance = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LossTolerance), value, "LossTolerance must be finite and ≥ 0.");
    }

    /// <summary>
    /// Largest accepted ‖∇L‖² after any step, under every objective (another objective's own cap is
    /// <see cref="TeleportObjectiveOptions.Cap"/>; a start above this one stops <see cref="TeleportStopReason.CapReached"/>
    /// when raising ‖∇L‖² or under another objective); &gt; 0, may be +∞. Default +∞.
    /// </summary>
    public double GradientNormSquaredCap
    {
        get => gradientNormSquaredCap;
        set => gradientNormSquaredCap = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(GradientNormSquaredCap), value, "GradientNormSquaredCap must be > 0 (+∞ for no cap).");
    }

    /// <summary>Retries of one step, each with η and the trust radius shrunk; ≥ 0. Default 6.</summary>
    public int MaxBacktracks
    {
        get => maxBacktracks;
        set => maxBacktracks = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBacktracks), value, "MaxBacktracks must be ≥ 0.");
    }

    /// <summary>Factor applied to η and the trust radius on each retry; in (0, 1). Default 0.5.</summary>
    public double BacktrackFactor
    {
        get => backtrackFactor;
        set => backtrackFactor = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(BacktrackFactor), value, "BacktrackFactor must be in (0, 1).");
    }

    /// <summary>
    /// Trust region: ‖η·T‖_F per symmetry and step is scaled down to at most this; the null-space ascent's step to this
    /// times ‖W̃‖ per layer; the level-set solver retries a trial that is not finite, from a step ρ·s longer than this
    /// times ‖θ‖, at that length. &gt; 0, may be +∞ (none). Default 0.5.
    /// </summary>
    public double MaxStepNorm
    {
        get => maxStepNorm;
        set => maxStepNorm = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxStepNorm), value, "MaxStepNorm must be > 0 (+∞ for no trust region).");
    }

    /// <summary>Reject (and backtrack) a step that lowers ‖∇L‖². Default true.</summary>
    public bool RequireAscent { get; set; } = true;

    /// <summary>
    /// Ascend log F instead of F: the step is X = η·(∂F/∂T)/F, so η is scale-free (the same η works
    /// whether ‖∇L‖² is 1e-3 or 1e3). Default true; false reproduces the papers' raw ascent X = η·∂F/∂T.
    /// </summary>
    public bool LogarithmicAscent { get; set; } = true;

    /// <summary>
    /// When every active symmetry's action is linear in θ and leaves the loss unchanged on any data (S1 on identity
    /// layers, S2 on positively homogeneous ones: θ → M(g)·θ with L(M(g)·θ) = L(θ)), the ascent evaluates the batch
    /// once: ∇L(M(g)·θ) = M(g)⁻ᵀ·∇L(θ) (the covector transport), and ∂F/∂T = −2·⟨∇L, A_T·∇L⟩ for the Lie-algebra
    /// generator A_T (differentiating L(e^{tA}θ) = L(θ) twice gives H·A·θ = −Aᵀ·∇L, so ⟨2H∇L, Aθ⟩ = −2⟨∇L, A∇L⟩).
    /// Exact in exact arithmetic; in floating point the values differ from a recomputation by rounding only. The loss
    /// is then checked at the end point (in double with a twin) and, if it drifted beyond <see cref="LossTolerance"/>,
    /// the teleport starts over recomputing every step. Default true; false recomputes ∇L and H·∇L from the batch at
    /// every step, as the papers do (the results of earlier versions of this library, to rounding).
    /// </summary>
    public bool GradientTransport { get; set; } = true;

    private TeleportMethod method = TeleportMethod.Group;
    private LevelSetOptions levelSet = new();
    private NullSpaceOptions nullSpace = new();

    /// <summary>
    /// How the teleport moves the parameters: along the symmetry groups (<see cref="TeleportMethod.Group"/>, the
    /// default), on the loss's level set (<see cref="TeleportMethod.LevelSet"/>) or in the null space of each layer's
    /// input (<see cref="TeleportMethod.NullSpace"/>). All three share the call, the report and the drift guard.
    /// </summary>
    public TeleportMethod Method
    {
        get => method;
        set => method = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Method), value, "Method must be Group, LevelSet or NullSpace.");
    }

    /// <summary>The level-set solver's settings (used when <see cref="Method"/> is <see cref="TeleportMethod.LevelSet"/>).</summary>
    public LevelSetOptions LevelSet
    {
        get => levelSet;
        set => levelSet = value ?? throw new ArgumentNullException(nameof(LevelSet));
    }

    /// <summary>The null-space teleport's settings (used when <see cref="Method"/> is <see cref="TeleportMethod.NullSpace"/>).</summary>
    public NullSpaceOptions NullSpace
    {
        get => nullSpace;
        set => nullSpace = value ?? throw new ArgumentNullException(nameof(NullSpace));
    }

    private TeleportObjective objective = TeleportObjective.GradientNorm;
    private ObjectiveDirection direction = ObjectiveDirection.Increase;
    private TeleportObjectiveOptions objectiveSettings = new();
    private int? onlyLayer;

    /// <summary>What a group teleport moves (<see cref="TeleportObjective"/>). Default ‖∇L‖².</summary>
    public TeleportObjective Objective
    {
        get => objective;
        set => objective = value is >= TeleportObjective.GradientNorm and <= TeleportObjective.TopEigenvalue ? value : throw new ArgumentOutOfRangeException(nameof(Objective), value, "Objective must be GradientNorm, Sharpness, Curvature, HessianTrace or TopEigenvalue.");
    }

    /// <summary>Raise or lower the objective. Default <see cref="ObjectiveDirection.Increase"/>.</summary>
    public ObjectiveDirection Direction
    {
        get => direction;
        set => direction = value is ObjectiveDirection.Increase or ObjectiveDirection.Decrease ? value : throw new ArgumentOutOfRangeException(nameof(Direction), value, "Direction must be Increase or Decrease.");
    }

    /// <summary>The settings of the objectives other than ‖∇L‖².</summary>
    public TeleportObjectiveOptions ObjectiveSettings
    {
        get => objectiveSettings;
        set => objectiveSettings = value ?? throw new ArgumentNullException(nameof(ObjectiveSettings));
    }

    /// <summary>
    /// Restrict the teleport to the symmetries of one hidden layer (the paper's curvature teleport acts on layer 1 only);
    /// null (the default) for every hidden layer; ≥ 0.
    /// </summary>
    public int? OnlyLayer
    {
        get => onlyLayer;
        set => onlyLayer = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(OnlyLayer), value, "OnlyLayer must be ≥ 0 or null.");
    }

    /// <summary>A copy with the same settings (the method's settings copied too).</summary>
    public TeleportOptions Clone()
    {
        var copy = (TeleportOptions)MemberwiseClone();
        copy.levelSet = levelSet.Clone();
        copy.nullSpace = nullSpace.Clone();
        copy.objectiveSettings = objectiveSettings.Clone();
        return copy;
    }
}
