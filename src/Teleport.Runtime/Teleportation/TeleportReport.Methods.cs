using System;
using System.Globalization;
using System.Text;

namespace Teleport.Teleportation;

/// <summary>The per-method diagnostics of a teleport: the level-set solver's iterations, the null-space projector's ranks.</summary>
public sealed partial class TeleportReport
{
    private double[] constraintGaps = new double[11];
    private double[] kktResiduals = new double[11];
    private int iterationCount;
    private int[] keptRanks = [];
    private int[] inputDimensions = [];
    private double[] outputDrifts = [];
    private int layerCount;

    /// <summary>The method that produced this report (<see cref="TeleportOptions.Method"/>).</summary>
    public TeleportMethod Method { get; internal set; }

    /// <summary>
    /// Level set: L − L₀ at each solver iterate (the start, then after each accepted SLP step), L the loss the solver
    /// constrains (the model's own precision). Empty for the other methods.
    /// </summary>
    public ReadOnlySpan<double> ConstraintGapTrace => constraintGaps.AsSpan(0, iterationCount);

    /// <summary>
    /// Level set: the KKT residual ‖(gᵀs/‖g‖²)·g − s‖², s = H·g/‖g‖², at each iterate (same indexing as
    /// <see cref="ConstraintGapTrace"/>); 0 at a stationary point of ½·log‖∇L‖² on the level set.
    /// </summary>
    public ReadOnlySpan<double> KktResidualTrace => kktResiduals.AsSpan(0, iterationCount);

    /// <summary>Level set: the iterate the parameters ended at (0 = the start), the best one the drift guard accepted.</summary>
    public int EndIterate { get; internal set; }

    /// <summary>Level set: Newton steps taken onto the level set after the solver (<see cref="LevelSetOptions.Restorations"/>).</summary>
    public int RestorationSteps { get; internal set; }

    /// <summary>Null space: τ, the energy threshold of the projectors (NaN for the other methods).</summary>
    public double NullSpaceThreshold { get; internal set; } = double.NaN;

    /// <summary>Null space: per dense layer, the rank r of the kept input subspace (the step is orthogonal to it).</summary>
    public ReadOnlySpan<int> KeptRanks => keptRanks.AsSpan(0, layerCount);

    /// <summary>Null space: per dense layer, the dimension of its input [H 1] (fan-in, + 1 with a bias); the free directions are this − rank.</summary>
    public ReadOnlySpan<int> InputDimensions => inputDimensions.AsSpan(0, layerCount);

    /// <summary>
    /// Null space: per dense layer, ‖ΔW·H̃ᵀ‖_F / ‖W·H̃ᵀ‖_F — the relative change of the layer's pre-activation caused by
    /// its own weight change, on its input H̃ = [H 1] from before the teleport (0 when the step is exactly in the null space).
    /// </summary>
    public ReadOnlySpan<double> LayerOutputDrifts => outputDrifts.AsSpan(0, layerCount);

    private string MethodLabel => Method switch
    {
        TeleportMethod.LevelSet => "(level set) ",
        TeleportMethod.NullSpace => "(null space) ",
        _ => "",
    };

    private string MethodSummary()
    {
        var c = CultureInfo.InvariantCulture;
        if (Method == TeleportMethod.LevelSet && iterationCount > 0)
            return string.Create(c, $", gap {constraintGaps[iterationCount - 1]:G3}, KKT {kktResiduals[iterationCount - 1]:G3}, ended at iterate {EndIterate}{(RestorationSteps > 0 ? $" after {RestorationSteps} restoration steps" : "")}");
        if (Method != TeleportMethod.NullSpace) return "";
        var text = new StringBuilder();
        text.Append(c, $", τ {NullSpaceThreshold:G6}, kept rank");
        for (var i = 0; i < layerCount; i++) text.Append(c, $" {keptRanks[i]}/{inputDimensions[i]}");
        return text.ToString();
    }

    private void CloneMethodDiagnostics(TeleportReport copy)
    {
        copy.constraintGaps = (double[])constraintGaps.Clone();
        copy.kktResiduals = (double[])kktResiduals.Clone();
        copy.keptRanks = (int[])keptRanks.Clone();
        copy.inputDimensions = (int[])inputDimensions.Clone();
        copy.outputDrifts = (double[])outputDrifts.Clone();
    }

    private void ResetMethodDiagnostics()
    {
        Method = TeleportMethod.Group;
        iterationCount = 0;
        layerCount = 0;
        EndIterate = 0;
        RestorationSteps = 0;
        NullSpaceThreshold = double.NaN;
    }

    /// <summary>Room for <paramref name="iterations"/> level-set iterates (grown once; a teleport then allocates nothing).</summary>
    internal void ReserveIterations(int iterations)
    {
        var room = Math.Min(iterations, MaxPreallocatedTrace);
        if (constraintGaps.Length < room)
        {
            constraintGaps = new double[room];
            kktResiduals = new double[room];
        }
    }

    internal void AddIteration(double constraintGap, double kktResidual)
    {
        if (iterationCount == constraintGaps.Length)
        {
            Array.Resize(ref constraintGaps, Math.Max(4, constraintGaps.Length * 2));
            Array.Resize(ref kktResiduals, constraintGaps.Length);
        }

        constraintGaps[iterationCount] = constraintGap;
        kktResiduals[iterationCount++] = kktResidual;
    }

    /// <summary>Sets the null-space diagnostics' size to <paramref name="layers"/> dense layers (grown once).</summary>
    internal void SetLayerCount(int layers)
    {
        if (keptRanks.Length < layers)
        {
            keptRanks = new int[layers];
            inputDimensions = new int[layers];
            outputDrifts = new double[layers];
        }

        layerCount = layers;
    }

    internal void SetLayer(int layer, int keptRank, int inputDimension)
    {
        keptRanks[layer] = keptRank;
        inputDimensions[layer] = inputDimension;
        outputDrifts[layer] = 0;
    }

    internal void SetLayerOutputDrift(int layer, double drift) => outputDrifts[layer] = drift;
}
