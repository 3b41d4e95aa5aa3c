using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// WindowVjp: the window's vector-Jacobian product with the inputs differentiated as well — the parameter gradient of
/// WindowGradient and δX_t = ∂(Σ_s ⟨δY_s, Y_s⟩)/∂X_t for every recorded step. A second-order meta-gradient needs δX:
/// there the meta-network's inputs (the inner gradients ∇L(W_t)) depend on the meta-parameters through W_t.
/// </summary>
internal sealed partial class RecurrentMembersEmitter
{
    private void EmitWindowVjp(CodeWriter w)
    {
        var window = Network.Recurrent!;
        var layout = window.Layout;
        Doc(w, "WindowVjp", "The vector-Jacobian product over the recorded window with respect to the parameters and the inputs: gradient = ∂(Σ_t ⟨δY_t, Y_t⟩)/∂θ (as WindowGradient) and inputCotangents [WindowSteps, batch, InputSize] = ∂(Σ_s ⟨δY_s, Y_s⟩)/∂X_t (the window's initial states are constants); outputCotangents, gradient and inputCotangents must not overlap one another, nor gradient Parameters. Needs a window begun by BeginWindow.",
            "Derived program (row-major, n = batch, steps = WindowSteps):\n" + ProgramEmitter.Formulas(window.InputBackward));
        using (w.Open($"public void WindowVjp({ReadOnly} outputCotangents, {Span} gradient, {Span} inputCotangents)"))
            EmitWindowReverse(w, layout, window.InputBackward, withInputs: true);
        w.Line();
    }

    /// <summary>The body of a window's reverse member: argument checks, the tape's spans, the reverse loop over the recorded steps.</summary>
    private void EmitWindowReverse(CodeWriter w, TensorProgram layout, TensorProgram reverse, bool withInputs)
    {
        // Before BeginWindow the expected cotangent length is 0·0·OutputSize: without this check a call would be refused
        // for its length (or, with empty spans, return a zero gradient) instead of for the missing window.
        w.Line($"{TypeNames.SequenceArguments}.CheckWindowBegun(_windowCapacity, nameof({(withInputs ? "WindowVjp" : "WindowGradient")}));");
        w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(gradient.Length, ParameterCount, nameof(gradient));");
        w.Line($"{TypeNames.ModelArguments}.CheckLength(outputCotangents.Length, (long)_windowSteps * _windowBatch * OutputSize, nameof(outputCotangents));");
        if (withInputs)
            w.Line($"{TypeNames.ModelArguments}.CheckLength(inputCotangents.Length, (long)_windowSteps * _windowBatch * InputSize, nameof(inputCotangents));");
        // The reverse loop reads δY_t at every step while it accumulates ∂/∂θ into gradient (and writes δX_t), so a shared
        // span would feed partial results back in: refused here, as HessianVectorProduct refuses v overlapping result.
        w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(outputCotangents, gradient, nameof(outputCotangents), nameof(gradient));");
        EmitNotParameters(w, "gradient");
        if (withInputs)
        {
            w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(outputCotangents, inputCotangents, nameof(outputCotangents), nameof(inputCotangents));");
            w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(gradient, inputCotangents, nameof(gradient), nameof(inputCotangents));");
        }
        w.Line("var n = _windowBatch;");
        w.Line($"var {StorageMap.Steps} = _windowCapacity;");
        w.Line($"{Span} workspace = _window;");
        w.Line($"{ReadOnly} parameters = _parameters;");
        Programs.LoopSteps = "_windowSteps";
        Programs.EmitWithLayout(w, layout, reverse.Statements);
        Programs.LoopSteps = StorageMap.Steps;
    }
}
