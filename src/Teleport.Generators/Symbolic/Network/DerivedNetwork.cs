using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The derivation stage's output and the emitter's only input: the spec, each layer's activation
/// analysis, the parameter tensors, one sliced tensor program per generated entry point, the
/// symmetries, and what the derivation found to report (<see cref="Findings"/>, placed by the diagnostics output).
/// Structurally equatable, so the emitter re-runs only when the math changes.
/// </summary>
internal sealed record DerivedNetwork(
    NetworkSpec Spec,
    EquatableArray<DerivedLayer> Layers,
    EquatableArray<Tensor> Parameters,
    TensorProgram Predict,
    TensorProgram Loss,
    TensorProgram LossAndGradient,
    TensorProgram HessianVectorProduct,
    TensorProgram ThirdOrder,
    TensorProgram Objective,
    SessionObjective? Session,
    TensorProgram Activations,
    EquatableArray<LayerTensors> LayerTensors,
    EquatableArray<Symmetry.DerivedSymmetry> Symmetries,
    EquatableArray<LayerOperator> KernelOperators,
    EquatableArray<DerivationFinding> Findings,
    RecurrentPrograms? Recurrent = null)
{
    /// <summary>Every program, for storage layout and operator collection (a recurrent network's window tape last).</summary>
    public TensorProgram[] Programs
    {
        get
        {
            var programs = Session is null
                ? new[] { Predict, Loss, LossAndGradient, HessianVectorProduct, ThirdOrder, Objective, Activations }
                : new[] { Predict, Loss, LossAndGradient, HessianVectorProduct, ThirdOrder, Objective, Activations, Session.Program };
            return Recurrent is null ? programs : System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Append(programs, Recurrent.Layout));
        }
    }

    /// <summary>Total dimension of the concatenated Lie algebras of all symmetries.</summary>
    public int LieAlgebraDimension
    {
        get
        {
            var total = 0;
            foreach (var s in Symmetries) total += s.Dimension;
            return total;
        }
    }

    public int ParameterCount
    {
        get
        {
            var count = 0;
            foreach (var p in Parameters) count += p.Rows * p.Columns;
            return count;
        }
    }
}

/// <summary>
/// One layer as derived: its kind and position, the features per sample it reads (<see cref="InputSize"/>) and
/// its width (<see cref="Units"/>: a dense layer's outputs, an image layer's output channels), its activation σ
/// simplified (in x) with what the CAS derived about it, the name its operator structs take
/// (<see cref="OperatorName"/>: "LeakyRelu", or "Layer3" for a formula of the user's), the affine map's weight and
/// bias as IR tensors (what the symmetries act on; a pooling layer has none), every parameter tensor with its
/// PyTorch name, shape and initialisation (<see cref="Tensors"/>, in the Parameters layout), and the spec it came
/// from (<see cref="Spec"/>: an image layer's geometry).
/// </summary>
internal sealed record DerivedLayer(
    LayerKind Kind,
    int Index,
    int InputSize,
    int Units,
    string ActivationText,
    string OperatorName,
    Expr Activation,
    ActivationProperties Properties,
    Tensor? Weight,
    Tensor? Bias,
    EquatableArray<ParameterTensor> Tensors,
    LayerSpec Spec)
{
    /// <summary>True when σ(x) = x: the layer is affine and its output aliases its pre-activation.</summary>
    public bool IsIdentity => Properties.IsIdentity;

    /// <summary>Features per sample this layer writes.</summary>
    public int OutputSize => Spec.OutputSize;

    /// <summary>True for the layers with a weight (dense, convolution): the ones a symmetry acts on.</summary>
    public bool HasParameters => Weight is not null;
}

/// <summary>The workspace tensors of layer i in the forward pass: its input H_{i−1}, Z_i and H_i.</summary>
internal sealed record LayerTensors(Tensor Input, Tensor PreActivation, Tensor Output);
