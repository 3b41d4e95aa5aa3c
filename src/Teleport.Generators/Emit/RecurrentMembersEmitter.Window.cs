using System.Linq;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// The window members of a recurrent network, for meta-training (a meta-network runs one step per inner optimisation
/// step, and the meta-gradient needs its vector-Jacobian product over the window): BeginWindow (a tape of up to
/// capacity steps in its own arena, states zero or carried from the last window), Step (one step, kept in the tape),
/// and WindowGradient (reverse mode over the recorded steps from output cotangents δY to ∂(Σ_t ⟨δY_t, Y_t⟩)/∂θ).
/// </summary>
internal sealed partial class RecurrentMembersEmitter
{
    private void EmitWindow(CodeWriter w)
    {
        var window = Network.Recurrent!;
        var layout = window.Layout;
        var map = Storage.For(layout);
        w.Line($"private {T}[] _window = global::System.Array.Empty<{T}>();");
        w.Line("private int _windowBatch;");
        w.Line("private int _windowCapacity;");
        w.Line("private int _windowSteps;");
        w.Line();
        Doc(w, "WindowCapacity", "The most steps the current window's tape holds (set by BeginWindow).");
        w.Line("public int WindowCapacity => _windowCapacity;");
        w.Line();
        Doc(w, "WindowSteps", "The steps recorded in the current window so far.");
        w.Line("public int WindowSteps => _windowSteps;");
        w.Line();

        Doc(w, "BeginWindow", "Starts a window of at most capacity steps on a batch of batch samples: the tape is emptied (its arena grown once per larger size, never shrunk) and the states start at zero, or, with carryState, at the last step of the previous window (the same batch and capacity), treated as constants: truncated backpropagation through time.");
        if (!IsTwin)
        {
            w.Line("/// <param name=\"batch\">Samples per step (at least 1).</param>");
            w.Line("/// <param name=\"capacity\">The most steps the window records (at least 1).</param>");
            w.Line("/// <param name=\"carryState\">Start from the previous window's last states instead of zero.</param>");
        }
        using (w.Open("public void BeginWindow(int batch, int capacity, bool carryState = false)"))
        {
            w.Line($"{TypeNames.SequenceArguments}.CheckWindow(batch, capacity, carryState, _windowBatch, _windowCapacity, _windowSteps);");
            w.Line("var carry = carryState && _windowSteps > 0;");
            w.Line("_windowBatch = batch;");
            w.Line("_windowCapacity = capacity;");
            w.Line("var n = batch;");
            w.Line($"var {StorageMap.Steps} = capacity;");
            w.Line($"var length = {ArenaLength(map.PerStepSample, map.PerSample, map.Fixed)};");
            w.Line($"if (length > global::System.Array.MaxLength) throw new global::System.ArgumentException($\"A window of {{capacity}} steps of {{batch}} samples needs {{length}} tape values, more than an array can hold.\", nameof(capacity));");
            w.Line($"if (_window.Length < length) _window = new {T}[length];");
            w.Line($"{Span} workspace = _window;");
            var prologue = window.Prologue.ToList();
            var states = window.States.ToList();
            Programs.DeclareWithLayout(w, layout, prologue.Concat(states.Cast<Statement>()).ToList());
            using (w.Open("if (carry)"))
            {
                w.Line("// H⁽⁰⁾, C⁽⁰⁾ = the states of the previous window's last step");
                foreach (var shift in states) Programs.EmitCarry(w, shift, "_windowSteps - 1");
            }
            using (w.Open("else"))
            {
                foreach (var s in prologue)
                {
                    w.Line("// " + s.Describe());
                    w.Line($"{((Map)s).Result.Name}.Clear();");
                }
            }
            w.Line("_windowSteps = 0;");
        }
        w.Line();

        Doc(w, "Step", "Runs one step of the window on inputs [batch, InputSize] (states from the previous step), writes the outputs [batch, OutputSize] (which must not overlap inputs) and keeps what WindowGradient needs in the tape.",
            "Derived step (row-major, n = batch):\n" + string.Join("\n", window.ForwardLoop.Body.Select(s => s.Describe())));
        using (w.Open($"public void Step({ReadOnly} inputs, {Span} outputs)"))
        {
            w.Line($"{TypeNames.SequenceArguments}.CheckStep(inputs.Length, outputs.Length, InputSize, OutputSize, _windowBatch, _windowCapacity, _windowSteps);");
            // As Predict: refused at the boundary, naming this member's parameter, whatever the layers do with inputs.
            w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(inputs, outputs, nameof(inputs), nameof(outputs));");
            w.Line("var n = _windowBatch;");
            w.Line($"var {StorageMap.Steps} = _windowCapacity;");
            w.Line("var t = _windowSteps;");
            w.Line($"{Span} workspace = _window;");
            w.Line($"{ReadOnly} parameters = _parameters;");
            Programs.EmitSingleStep(w, layout, window.ForwardLoop, window.Inputs, window.Output);
            w.Line("_windowSteps = t + 1;");
        }
        w.Line();

        Doc(w, "WindowGradient", "The vector-Jacobian product over the recorded window: ∂(Σ_t ⟨δY_t, Y_t⟩)/∂θ for output cotangents δY [WindowSteps, batch, OutputSize], written to gradient in the Parameters layout (reverse mode over the steps; the inputs and the window's initial states are constants); gradient must not overlap outputCotangents or Parameters. Needs a window begun by BeginWindow.",
            "Derived program (row-major, n = batch, steps = WindowSteps):\n" + ProgramEmitter.Formulas(window.Backward));
        using (w.Open($"public void WindowGradient({ReadOnly} outputCotangents, {Span} gradient)"))
            EmitWindowReverse(w, layout, window.Backward, withInputs: false);
        w.Line();
    }
}
