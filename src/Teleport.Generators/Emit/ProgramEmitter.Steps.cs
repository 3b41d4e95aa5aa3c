using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// The lowering of a recurrent program: a <see cref="Recurrence"/> becomes a for loop over t whose body sees step
/// t's block of every sequence (<c>name_t</c> = name[t·n·c … (t + 1)·n·c)); a <see cref="StepShift"/> is the
/// state's block of step t − 1 (the initial state at t = 0), a span, not a copy; a map over column views (an
/// LSTM's gates) runs row by row with the parent's stride.
/// </summary>
internal sealed partial class ProgramEmitter
{
    private const string Step = "t";
    private const string Row = "r";
    private Recurrence? _loop;

    /// <summary>True when <paramref name="t"/> is read or written as step t's block (inside a loop, a sequence).</summary>
    private bool InStep(Tensor t) => _loop is not null && t.PerStep && (IsWholeSpan(t) || _storage.IsSequence(t));

    private static string StepName(string name) => name + "_t";

    private static string WholeName(Tensor t) => IsWholeSpan(t) ? SpanName(t.Storage) : t.Name;

    /// <summary>Block <paramref name="step"/> of the sequence <paramref name="t"/>: "start, length" of one step's n rows.</summary>
    private string Block(Tensor t, string step) =>
        $"{(step.Contains(" ") ? "(" + step + ")" : step)} * {Batch} * {Int(t.Columns)}, {Batch} * {Int(t.Columns)}";

    private void EmitLoop(CodeWriter w, Recurrence loop)
    {
        var forward = loop.Direction == RecurrenceDirection.Forward;
        w.Line(forward ? "// for t = 0 … steps − 1:" : "// for t = steps − 1 … 0 (backpropagation through time):");
        _loop = loop;
        var header = forward
            ? $"for (var {Step} = 0; {Step} < {LoopSteps}; {Step}++)"
            : $"for (var {Step} = {LoopSteps} - 1; {Step} >= 0; {Step}--)";
        using (w.Open(header))
        {
            DeclareStepSlices(w, loop);
            EmitLoopStatements(w, loop);
        }
        _loop = null;
    }

    /// <summary>The loop's bound: the steps argument, or the steps a window recorded.</summary>
    public string LoopSteps { get; set; } = StorageMap.Steps;

    /// <summary>Step t's block of every sequence the body reads or writes (views read their owner's), and the states of step t − 1 it reads.</summary>
    private void DeclareStepSlices(CodeWriter w, Recurrence loop)
    {
        var declared = new HashSet<string>();
        foreach (var tensor in loop.Body.SelectMany(s => s.Inputs.Concat(s.Outputs)))
        {
            var owner = _storage.IsView(tensor) ? _storage.ViewOf(tensor).Owner : tensor;
            if (!InStep(owner) || !declared.Add(WholeName(owner))) continue;
            w.Line($"var {StepName(WholeName(owner))} = {WholeName(owner)}.Slice({Block(owner, Step)});");
        }
        // States of step t − 1 that this loop reads but another loop shifted (the reverse loop reads the forward tape).
        var shifted = new HashSet<Tensor>(loop.Body.OfType<StepShift>().Select(s => s.Result));
        foreach (var tensor in loop.Body.SelectMany(s => s.Inputs).Distinct())
        {
            if (!_storage.IsShift(tensor) || !shifted.Add(tensor)) continue;
            EmitShift(w, _storage.ShiftOf(tensor));
        }
    }

    private void EmitLoopStatements(CodeWriter w, Recurrence loop)
    {
        foreach (var statement in loop.Body)
        {
            if (statement is Recurrence) throw new InvalidOperationException("Nested loops are not lowered.");
            w.Line("// " + statement.Describe());
            EmitStatement(w, statement);
        }
    }

    /// <summary>
    /// Statements of <paramref name="layout"/>'s storage (a window's tape) outside any loop: spans for what they touch,
    /// then one call each (a window's initial states).
    /// </summary>
    public void EmitWithLayout(CodeWriter w, TensorProgram layout, IReadOnlyList<Statement> statements)
    {
        DeclareWithLayout(w, layout, statements);
        foreach (var statement in statements)
        {
            if (statement is Recurrence loop)
            {
                EmitLoop(w, loop);
                continue;
            }
            w.Line("// " + statement.Describe());
            EmitStatement(w, statement);
        }
    }

    /// <summary>Spans, in <paramref name="layout"/>'s storage, for every tensor <paramref name="statements"/> touch.</summary>
    public void DeclareWithLayout(CodeWriter w, TensorProgram layout, IReadOnlyList<Statement> statements)
    {
        _storage = _plan.For(layout);
        DeclareSpans(w, new TensorProgram(Model.EquatableArray.ToEquatableArray(statements)));
    }

    /// <summary>
    /// One step of <paramref name="loop"/> at t (a variable in scope) on <paramref name="layout"/>'s tape: the caller's
    /// inputs are copied into the tape's X_t, the body runs, and Y_t is copied to the caller's outputs.
    /// </summary>
    public void EmitSingleStep(CodeWriter w, TensorProgram layout, Recurrence loop, Tensor inputs, Tensor output)
    {
        _storage = _plan.For(layout);
        DeclareSpans(w, new TensorProgram(loop.Body));
        _loop = loop;
        DeclareStepSlices(w, loop);
        w.Line($"// X_t = inputs (kept in the tape)");
        w.Line($"inputs.CopyTo({Name(inputs)});");
        EmitLoopStatements(w, loop);
        w.Line($"// outputs = Y_t");
        w.Line($"{Name(output)}.CopyTo(outputs);");
        _loop = null;
    }

    /// <summary>Copies step <paramref name="step"/>'s block of a state into its initial value: a window carrying the previous window's last state.</summary>
    public void EmitCarry(CodeWriter w, StepShift shift, string step)
    {
        var initial = shift.Initial ?? throw new InvalidOperationException($"{shift.Result.Display} has no initial state.");
        w.Line($"{WholeName(shift.State)}.Slice({Block(shift.State, step)}).CopyTo({WholeName(initial)});");
    }

    private void EmitShift(CodeWriter w, StepShift shift)
    {
        var initial = shift.Initial ?? throw new InvalidOperationException($"{shift.Result.Display} has no initial state.");
        w.Line($"{TypeNames.Span}<{_scalar}> {shift.Result.Name} = {Step} == 0 ? {WholeName(initial)} : {WholeName(shift.State)}.Slice({Block(shift.State, Step + " - 1")});");
    }

    private void EmitShiftAdjoint(CodeWriter w, StepShiftAdjoint adjoint)
    {
        var previous = $"{WholeName(adjoint.Result)}.Slice({Block(adjoint.Result, Step + " - 1")})";
        w.Line($"if ({Step} > 0) {TypeNames.Elementwise}.Add<{_scalar}>({previous}, {Name(adjoint.Source)}, {previous});");
    }

    /// <summary>A map over column views: one call per row, each operand's row at its own stride.</summary>
    private void EmitRowMap(CodeWriter w, Map map)
    {
        var args = string.Join(", ", map.Arguments.Select(RowOf));
        using (w.Open($"for (var {Row} = 0; {Row} < {Rows(map.Result)}; {Row}++)"))
            w.Line($"{TypeNames.Elementwise}.Map<{_scalar}, {_operators.NameOf(map)}>({args}, {RowOf(map.Result)});");
    }

    private string RowOf(Tensor t)
    {
        if (!_storage.IsView(t)) return $"{Name(t)}.Slice({Row} * {Int(t.Columns)}, {Int(t.Columns)})";
        var (owner, start) = _storage.ViewOf(t);
        var offset = start == 0 ? "" : " + " + Int(start);
        return $"{Name(owner)}.Slice({Row} * {Int(owner.Columns)}{offset}, {Int(t.Columns)})";
    }
}
