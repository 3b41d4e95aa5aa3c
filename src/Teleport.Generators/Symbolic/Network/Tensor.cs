namespace Teleport.Generators.Symbolic.Network;

/// <summary>Where a tensor's values live when the emitted code runs.</summary>
internal enum TensorStorage
{
    /// <summary>A slice of the model's workspace arena (sized per batch).</summary>
    Workspace,
    /// <summary>The batch inputs X [n, InputSize].</summary>
    Inputs,
    /// <summary>Integer class labels [n].</summary>
    Labels,
    /// <summary>Regression targets [n, OutputSize].</summary>
    TargetValues,
    /// <summary>A slice of the model's parameters θ.</summary>
    Parameters,
    /// <summary>A slice of the caller's gradient span ∂L/∂θ.</summary>
    Gradient,
    /// <summary>A slice of the caller's direction v (the HVP's tangent seed).</summary>
    Direction,
    /// <summary>A slice of the caller's result span (H·v).</summary>
    HessianVector,
    /// <summary>A slice of the caller's third-order result span (D³L[v, v, ·] = ∂(vᵀHv)/∂θ).</summary>
    ThirdOrder,
    /// <summary>The caller's outputs span [n, OutputSize] (Predict).</summary>
    Outputs,
    /// <summary>A buffer of the teleport session (the input Gram X·Xᵀ, the input layer's X·W₀ᵀ).</summary>
    Session,
    /// <summary>The caller's output cotangents δY [steps, n, OutputSize] (a recurrent window's vector-Jacobian product).</summary>
    OutputCotangent,
    /// <summary>The caller's input cotangents δX [steps, n, InputSize] (a recurrent window's VJP with respect to its inputs).</summary>
    InputCotangent,
}

/// <summary>
/// A named tensor of the derived program: [Rows, Columns] row-major, where Rows = -1 (and, for the
/// n×n input Gram, Columns = -1) means the batch size n (known only at run time). Offset is the start within an external span (parameter
/// slices) and is 0 otherwise. Display is the paper-style name used in formulas (e.g. "δZ1").
/// A <see cref="PerStep"/> tensor holds one [Rows, Columns] block per step of a sequence (storage [steps, Rows,
/// Columns]): inside a <see cref="Recurrence"/> body it means step t's block, outside one the whole sequence as a
/// [steps·Rows, Columns] matrix (so the dense heads and the loss see steps·n rows).
/// </summary>
internal sealed record Tensor(string Name, string Display, int Rows, int Columns, TensorStorage Storage, int Offset = 0, bool PerStep = false)
{
    public const int Batch = -1;

    public bool IsBatchSized => Rows == Batch;

    /// <summary>Number of values for a batch of <paramref name="n"/> samples (of one step, for a <see cref="PerStep"/> tensor).</summary>
    public long Length(int n) => (long)(IsBatchSized ? n : Rows) * (Columns == Batch ? n : Columns);

    /// <summary>A C# expression for the row count, given the name of the batch-size variable.</summary>
    public string RowsExpression(string batch) => IsBatchSized ? batch : Rows.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsVector => Rows == 1;
}
