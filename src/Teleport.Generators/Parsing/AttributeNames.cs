namespace Teleport.Generators.Parsing;

/// <summary>Metadata names of the runtime's attributes and their arguments (the public contract).</summary>
internal static class AttributeNames
{
    public const string Network = "Teleport.NetworkAttribute";
    public const string Dense = "Teleport.DenseAttribute";
    public const string Lstm = "Teleport.LstmAttribute";
    public const string Inputs = "Inputs";
    public const string Loss = "Loss";
    public const string Activation = "Activation";
    public const string Bias = "Bias";

    /// <summary>True for the metadata name of a layer attribute ([Dense], …), which the parser reads in source order.</summary>
    public static bool IsLayer(string metadataName) => metadataName is Dense or Lstm;

    /// <summary>Members the generator adds; a user member with one of these names is TP0013.</summary>
    public static readonly string[] GeneratedMembers =
    {
        "InputSize", "OutputSize", "ParameterCount", "Info", "Parameters", "InitializeParameters",
        "Loss", "LossAndGradient", "HessianVectorProduct", "Predict", "Teleport", "Float64",
        "ToFloat64", "TeleportObjectiveGradient", "ApplyGroupAction", "ApplyGroupActionWithinDomain", "TransportCovector", "LieAlgebraDimension",
    };

    /// <summary>Members the generator adds to a recurrent network (one with an [Lstm] layer) besides the common ones; a user member with one of these names is TP0013.</summary>
    public static readonly string[] RecurrentMembers =
    {
        "BeginWindow", "WindowSteps", "WindowCapacity", "Step", "WindowGradient",
    };
}
