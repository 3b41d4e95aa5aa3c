using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Emit;

/// <summary>
/// Lowers a sliced tensor program to kernel calls in one precision: declares a span per tensor, then
/// one commented call per statement. Shapes are compile-time constants except the batch size n.
/// </summary>
internal sealed partial class ProgramEmitter
{
    private const string Batch = "n";
    private readonly WorkspacePlan _plan;
    private readonly OperatorTable _operators;
    private readonly string _scalar;
    private StorageMap _storage = null!;

    public ProgramEmitter(WorkspacePlan plan, OperatorTable operators, string scalar)
    {
        _plan = plan;
        _operators = operators;
        _scalar = scalar;
    }

    /// <summary>The name of the span holding ∇L (Gradient storage) in the member being emitted.</summary>
    public string GradientSpanName { get; set; } = "gradient";

    /// <summary>The name of the span holding H·v (HessianVector storage) in the member being emitted.</summary>
    public string HessianVectorSpanName { get; set; } = "result";

    private string NameOfSpan(TensorStorage storage) => storage switch
    {
        TensorStorage.Gradient => GradientSpanName,
        TensorStorage.HessianVector => HessianVectorSpanName,
        _ => SpanName(storage),
    };

    /// <summary>Span names in scope of the emitted member for each storage kind.</summary>
    public static string SpanName(TensorStorage storage) => storage switch
    {
        TensorStorage.Workspace => "workspace",
        TensorStorage.Inputs => "inputs",
        TensorStorage.Labels => "targets",
        TensorStorage.TargetValues => "targets",
        TensorStorage.Parameters => "parameters",
        TensorStorage.Gradient => "gradient",
        TensorStorage.Direction => "v",
        TensorStorage.HessianVector => "result",
        TensorStorage.ThirdOrder => "result",
        TensorStorage.Outputs => "outputs",
        TensorStorage.OutputCotangent => "outputCotangents",
        TensorStorage.InputCotangent => "inputCotangents",
        _ => throw new ArgumentOutOfRangeException(nameof(storage)),
    };

    /// <summary>
    /// Emits the body; the loss value (if the program has one) is assigned to <c>loss</c>. A
    /// <paramref name="cached"/> statement runs only when <c>session.ProductValid</c> is false.
    /// </summary>
    public void EmitBody(CodeWriter w, TensorProgram program, Statement? cached = null)
    {
        _storage = _plan.For(program);
        DeclareSpans(w, program);
        foreach (var statement in program.Statements)
        {
            if (statement is Recurrence loop)
            {
                EmitLoop(w, loop);
                continue;
            }
            w.Line("// " + statement.Describe());
            if (statement.Equals(cached))
            {
                using (w.Open("if (!session.ProductValid)"))
                {
                    EmitStatement(w, statement);
                    w.Line("session.ProductValid = true;");
                }
                continue;
            }
            EmitStatement(w, statement);
        }
    }

    /// <summary>The program's statements as formula lines, for the member's remarks.</summary>
    public static string Formulas(TensorProgram program) =>
        string.Join("\n", program.Statements.Select(s => s.Describe()));

    private void DeclareSpans(CodeWriter w, TensorProgram program)
    {
        var declared = new HashSet<string>();
        foreach (var t in Recurrence.Flatten(program.Statements).SelectMany(s => s.Inputs.Concat(s.Outputs)).SelectMany(Backing))
        {
            if (IsWholeSpan(t) || !declared.Add(t.Name)) continue;
            var readOnly = t.Storage is TensorStorage.Parameters or TensorStorage.Direction or TensorStorage.Session;
            var type = readOnly ? $"{TypeNames.ReadOnlySpan}<{_scalar}>" : $"{TypeNames.Span}<{_scalar}>";
            w.Line($"{type} {t.Name} = {_storage.SpanExpression(t, NameOfSpan, Batch)};");
        }
    }

    /// <summary>The tensors with storage behind <paramref name="t"/>: itself, a view's owner, or a shifted state and its initial value.</summary>
    private IEnumerable<Tensor> Backing(Tensor t)
    {
        if (_storage.IsView(t)) return new[] { _storage.ViewOf(t).Owner };
        if (!_storage.IsShift(t)) return new[] { t };
        var shift = _storage.ShiftOf(t);
        return shift.Initial is null ? new[] { shift.State } : new[] { shift.State, shift.Initial };
    }

    private static bool IsWholeSpan(Tensor t) =>
        t.Storage is TensorStorage.Inputs or TensorStorage.Labels or TensorStorage.TargetValues or TensorStorage.Outputs or TensorStorage.OutputCotangent or TensorStorage.InputCotangent;

    private string Name(Tensor t)
    {
        if (_storage.IsView(t)) throw new InvalidOperationException($"{t.Display} is a column view: only elementwise maps read or write views.");
        var name = IsWholeSpan(t) ? SpanName(t.Storage) : t.Name;
        return InStep(t) ? StepName(name) : name;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private string Rows(Tensor t) => !t.IsBatchSized ? Int(t.Rows) : t.PerStep && _loop is null ? $"{StorageMap.Steps} * {Batch}" : Batch;

    private static string Columns(Tensor t) => t.Columns == Tensor.Batch ? Batch : Int(t.Columns);

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A tensor's span, or <c>default</c> (an empty span: a zero tangent) when there is none.</summary>
    private string Optional(Tensor? t) => t is null ? "default" : Name(t);

    private void EmitStatement(CodeWriter w, Statement statement)
    {
        switch (statement)
        {
            case MatMul mm:
                var (m, k, n) = mm.Kind switch
                {
                    MatMulKind.NN => (Rows(mm.Left), Columns(mm.Left), Columns(mm.Right)),
                    MatMulKind.NT => (Rows(mm.Left), Columns(mm.Left), Rows(mm.Right)),
                    _ => (Columns(mm.Left), Rows(mm.Left), Columns(mm.Right)),
                };
                w.Line($"{TypeNames.MatrixMultiply}.{mm.Kind}({Name(mm.Left)}, {Name(mm.Right)}, {Name(mm.Result)}, {m}, {k}, {n}, accumulate: {Bool(mm.Adds)});");
                break;
            case BroadcastAdd add:
                if (add.Matrix is null) w.Line($"{Name(add.Result)}.Clear();");
                else if (!_storage.SameBuffer(add.Matrix, add.Result)) w.Line($"{Name(add.Matrix)}.CopyTo({Name(add.Result)});");
                w.Line(add.Repeat == 1
                    ? $"{TypeNames.RowVector}.AddToRows({Name(add.Result)}, {Name(add.Vector)}, {Rows(add.Result)}, {Int(add.Result.Columns)});"
                    : $"{TypeNames.RowVector}.AddToChannels({Name(add.Result)}, {Name(add.Vector)}, {Rows(add.Result)}, {Int(add.Vector.Columns)}, {Int(add.Repeat)});");
                break;
            case ColumnSums sums:
                w.Line(sums.Repeat == 1
                    ? $"{TypeNames.RowVector}.ColumnSums({Name(sums.Matrix)}, {Name(sums.Result)}, {Rows(sums.Matrix)}, {Int(sums.Matrix.Columns)}, accumulate: {Bool(sums.Adds)});"
                    : $"{TypeNames.RowVector}.ChannelSums({Name(sums.Matrix)}, {Name(sums.Result)}, {Rows(sums.Matrix)}, {Int(sums.Result.Columns)}, {Int(sums.Repeat)}, accumulate: {Bool(sums.Adds)});");
                break;
            case ImageStatement image:
                EmitImage(w, image);
                break;
            case Map map:
                EmitMap(w, map);
                break;
            case SoftmaxCrossEntropyLoss ce:
                w.Line(ce.Probabilities is null
                    ? $"loss = {TypeNames.SoftmaxCrossEntropy}.Loss<{_scalar}>({Name(ce.Logits)}, {Name(ce.Labels)}, {Rows(ce.Logits)}, {Int(ce.Logits.Columns)});"
                    : $"loss = {TypeNames.SoftmaxCrossEntropy}.Forward<{_scalar}>({Name(ce.Logits)}, {Name(ce.Labels)}, {Name(ce.Probabilities)}, {Rows(ce.Logits)}, {Int(ce.Logits.Columns)});");
                break;
            case SoftmaxCrossEntropyGradient g:
                w.Line($"{TypeNames.SoftmaxCrossEntropy}.Gradient<{_scalar}>({Name(g.Probabilities)}, {Name(g.Labels)}, {Name(g.Result)}, {Rows(g.Result)}, {Int(g.Result.Columns)});");
                break;
            case SoftmaxCrossEntropyTangent t:
                w.Line($"{TypeNames.SoftmaxCrossEntropy}.Tangent<{_scalar}>({Name(t.Probabilities)}, {Name(t.Direction)}, {Name(t.Result)}, {Rows(t.Result)}, {Int(t.Result.Columns)});");
                break;
            case SoftmaxCrossEntropySecondTangent t:
                w.Line($"{TypeNames.SoftmaxCrossEntropy}.SecondTangent<{_scalar}>({Name(t.Probabilities)}, {Name(t.Direction)}, {Optional(t.LogitsTangent)}, {Optional(t.SecondDirection)}, {Name(t.Result)}, {Batch}, {Int(t.Result.Columns)});");
                break;
            case MeanSquaredErrorLoss mse:
                w.Line($"loss = {TypeNames.MeanSquaredError}.Forward<{_scalar}>({Name(mse.Predictions)}, {Name(mse.Targets)});");
                break;
            case MeanSquaredErrorGradient g:
                w.Line($"{TypeNames.MeanSquaredError}.Gradient<{_scalar}>({Name(g.Predictions)}, {Name(g.Targets)}, {Name(g.Result)});");
                break;
            case MeanSquaredErrorTangent t:
                w.Line($"{TypeNames.MeanSquaredError}.Tangent<{_scalar}>({Name(t.Direction)}, {Name(t.Result)});");
                break;
            case ColumnSlice or ColumnBlock:
                // A view: its storage is its parent's column block (StorageMap), nothing to run.
                break;
            case StepShift shift:
                EmitShift(w, shift);
                break;
            case StepShiftAdjoint adjoint:
                EmitShiftAdjoint(w, adjoint);
                break;
            default:
                throw new InvalidOperationException("No lowering for " + statement.GetType().Name);
        }
    }

    private void EmitMap(CodeWriter w, Map map)
    {
        if (map.Arguments.Count == 0)
        {
            // A formula with no inputs is a constant: fill.
            var value = Interpreter.Evaluate(map.Function, _ => 0.0).ToString("R", CultureInfo.InvariantCulture);
            w.Line($"{Name(map.Result)}.Fill(({_scalar}){value});");
            return;
        }
        if (map.Arguments.Any(_storage.IsView) || _storage.IsView(map.Result))
        {
            EmitRowMap(w, map);
            return;
        }
        var args = string.Join(", ", map.Arguments.Select(Name));
        // The row length too: on two threads the runtime shares a wide matrix between the cores by blocks of
        // columns, the blocks of the products that write and read it (each core then maps what it computed).
        var columns = map.Result.Columns == Tensor.Batch ? "" : $", columns: {Int(map.Result.Columns)}";
        w.Line($"{TypeNames.Elementwise}.Map<{_scalar}, {_operators.NameOf(map)}>({args}, {Name(map.Result)}{columns});");
    }
}
