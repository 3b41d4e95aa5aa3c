namespace Teleport.Generators.Parsing;

/// <summary>Metadata names of the runtime's attributes and their arguments (the public contract).</summary>
internal static class AttributeNames
{
    public const string Network = "Teleport.NetworkAttribute";
    public const string Dense = "Teleport.DenseAttribute";
    public const string Conv2d = "Teleport.Conv2dAttribute";
    public const string MaxPool2d = "Teleport.MaxPool2dAttribute";
    public const string AvgPool2d = "Teleport.AvgPool2dAttribute";
    public const string InputShape = "InputShape";
    public const string Kernel = "Kernel";
    public const string Stride = "Stride";
    public const string Padding = "Padding";
    public const string Lstm = "Teleport.LstmAttribute";
    public const string Inputs = "Inputs";
    public const string Loss = "Loss";
    public const string Activation = "Activation";
    public const string Bias = "Bias";

    /// <summary>The metadata names of the layer attributes, in the order their pipelines are registered.</summary>
    public static readonly string[] Layers = { Dense, Conv2d, MaxPool2d, AvgPool2d, Lstm };

    /// <summary>True for the metadata name of a layer attribute ([Dense], [Conv2d], …), which the parser reads in source order.</summary>
    public static bool IsLayer(string metadataName) => metadataName is Dense or Conv2d or MaxPool2d or AvgPool2d or Lstm;

    /// <summary>
    /// Every member the generated partial class declares, public or private; a user member with one of these
    /// names (declared or inherited) is TP0013. GeneratedMemberListTests check that the emitted code declares no other.
    /// </summary>
    public static readonly string[] GeneratedMembers =
    {
        "InputSize", "OutputSize", "ParameterCount", "Info", "Parameters", "InitializeParameters",
        "Loss", "LossAndGradient", "HessianVectorProduct", "Predict", "Teleport", "Float64",
        "ToFloat64", "TeleportObjectiveGradient", "ApplyGroupAction", "ApplyGroupActionWithinDomain", "TransportCovector", "LieAlgebraDimension",
        "BeginTeleportSession", "InvalidateTeleportSession", "EndTeleportSession",
        "_parameters", "_workspace", "Workspace", "_teleporter", "_objectiveScratch", "_defaultTeleportOptions", "_objectiveGradient",
        "_session", "SessionObjectiveGradient", "GroupAction", "ForwardActivations",
        "LayerInput", "LieAlgebraAdjoint", "QuadraticFormGradient", "OrbitDerivatives", "_orbitFactors",
    };

    /// <summary>Members the generator adds to a recurrent network (one with an [Lstm] layer) besides the common ones; a user member with one of these names is TP0013.</summary>
    public static readonly string[] RecurrentMembers =
    {
        "BeginWindow", "WindowSteps", "WindowCapacity", "Step", "WindowGradient", "WindowVjp",
        "_window", "_windowBatch", "_windowCapacity", "_windowSteps",
    };
}
