namespace Teleport.Generators.Emit;

/// <summary>Fully qualified names the emitted code refers to (one place, so they never drift).</summary>
internal static class TypeNames
{
    public const string Span = "global::System.Span";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
    public const string Vector128 = "global::System.Runtime.Intrinsics.Vector128";
    public const string Vector256 = "global::System.Runtime.Intrinsics.Vector256";
    public const string Vector512 = "global::System.Runtime.Intrinsics.Vector512";
    public const string AlignedArray = "global::Teleport.Kernels.AlignedArray";
    public const string MatrixMultiply = "global::Teleport.Kernels.MatrixMultiply";
    public const string Elementwise = "global::Teleport.Kernels.Elementwise";
    public const string RowVector = "global::Teleport.Kernels.RowVector";
    public const string Convolution2d = "global::Teleport.Kernels.Convolution2d";
    public const string ConvolutionShape = "global::Teleport.Kernels.ConvolutionShape";
    public const string Pooling = "global::Teleport.Kernels.Pooling";
    public const string PoolShape = "global::Teleport.Kernels.PoolShape";
    public const string Reductions = "global::Teleport.Kernels.Reductions";
    public const string SoftmaxCrossEntropy = "global::Teleport.Kernels.SoftmaxCrossEntropy";
    public const string MeanSquaredError = "global::Teleport.Kernels.MeanSquaredError";
    public const string UnaryOperator = "global::Teleport.Kernels.IUnaryOperator";
    public const string BinaryOperator = "global::Teleport.Kernels.IBinaryOperator";
    public const string TernaryOperator = "global::Teleport.Kernels.ITernaryOperator";
    public const string QuaternaryOperator = "global::Teleport.Kernels.IQuaternaryOperator";
    public const string DifferentiableModel = "global::Teleport.IDifferentiableModel";
    public const string ThirdOrderModel = "global::Teleport.IThirdOrderModel";
    public const string RecurrentModel = "global::Teleport.IRecurrentModel";
    public const string Targets = "global::Teleport.Targets";
    public const string NetworkInfo = "global::Teleport.NetworkInfo";
    public const string LayerInfo = "global::Teleport.LayerInfo";
    public const string LayerKind = "global::Teleport.LayerKind";
    public const string ParameterTensorInfo = "global::Teleport.ParameterTensorInfo";
    public const string SymmetryInfo = "global::Teleport.SymmetryInfo";
    public const string SymmetryKind = "global::Teleport.SymmetryKind";
    public const string SymmetryGroup = "global::Teleport.SymmetryGroup";
    public const string LossKind = "global::Teleport.LossKind";
    public const string ModelArguments = "global::Teleport.ModelArguments";
    public const string SequenceArguments = "global::Teleport.SequenceArguments";
    public const string ParameterInitializer = "global::Teleport.ParameterInitializer";
    public const string Teleportable = "global::Teleport.Teleportation.ITeleportable";
    public const string HasFloat64Twin = "global::Teleport.Teleportation.IHasFloat64Twin";
    public const string Teleporter = "global::Teleport.Teleportation.Teleporter";
    public const string LayerInputs = "global::Teleport.Teleportation.ILayerInputs";
    public const string LieAlgebraAdjoint = "global::Teleport.Teleportation.ILieAlgebraAdjoint";
    public const string TeleportOptions = "global::Teleport.Teleportation.TeleportOptions";
    public const string TeleportReport = "global::Teleport.Teleportation.TeleportReport";
    public const string TeleportObjectiveValue = "global::Teleport.Teleportation.TeleportObjectiveValue";
    public const string SymmetryKernels = "global::Teleport.Teleportation.SymmetryKernels";
    public const string OrbitKernels = "global::Teleport.Teleportation.OrbitKernels";
    public const string OrbitJet = "global::Teleport.Teleportation.OrbitJet";
    public const string OrbitDerivativeMode = "global::Teleport.Teleportation.OrbitDerivativeMode";
    public const string OrbitDerivatives = "global::Teleport.Teleportation.IOrbitDerivatives";
    public const string HiddenLayerBlock = "global::Teleport.Teleportation.HiddenLayerBlock";
    public const string GroupActionResult = "global::Teleport.Teleportation.GroupActionResult";
    public const string ActivationRange = "global::Teleport.Teleportation.ActivationRange";
    public const string TeleportSession = "global::Teleport.Teleportation.TeleportSession";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCodeAttribute";

    /// <summary>The generator's name, for [GeneratedCode].</summary>
    public const string GeneratorName = "Teleport.Generators";

    /// <summary>The generator's version (its assembly's, from the repository's VersionPrefix), for [GeneratedCode].</summary>
    public static readonly string GeneratorVersion = typeof(TypeNames).Assembly.GetName().Version is { } v
        ? $"{v.Major}.{v.Minor}.{v.Build}"
        : "0.0.0";
}
