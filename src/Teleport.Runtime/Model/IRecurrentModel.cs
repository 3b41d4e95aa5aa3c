using System;
using System.Numerics;

namespace Teleport;

/// <summary>
/// What a generated recurrent network (one with [Lstm] layers) offers in precision <typeparamref name="T"/>: the
/// members of a dense network over sequences, each taking the number of steps last. Every generated recurrent class
/// implements it for <see cref="float"/>, and its nested <c>Float64</c> twin for <see cref="double"/>.
/// </summary>
/// <remarks>
/// Inputs are [steps, batch, InputSize] row-major; targets [steps, batch] labels (cross-entropy) or
/// [steps, batch, OutputSize] values (MSE); the states start at zero; the loss is the mean over steps and batch (and
/// outputs, for MSE). Layout of <see cref="Parameters"/>: <c>lstm0.weight_ih</c> [4H, in], <c>lstm0.weight_hh</c>
/// [4H, H], <c>lstm0.bias_ih</c>, <c>lstm0.bias_hh</c>, …, <c>fc2.weight</c>, … (a PyTorch state_dict of the same
/// nn.LSTMCell and nn.Linear stack). All members are allocation-free after the first call at a given size.
/// </remarks>
public interface IRecurrentModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The derived description: layers and parameter tensors.</summary>
    NetworkInfo Info { get; }

    /// <summary>All parameters, contiguous, in layer order.</summary>
    Span<T> Parameters { get; }

    /// <summary>The loss on a batch of sequences.</summary>
    T Loss(ReadOnlySpan<T> inputs, Targets<T> targets, int steps);

    /// <summary>The loss, and ∂L/∂θ by backpropagation through time written to <paramref name="gradient"/>, which must not overlap <see cref="Parameters"/>.</summary>
    T LossAndGradient(ReadOnlySpan<T> inputs, Targets<T> targets, Span<T> gradient, int steps);

    /// <summary>Network outputs [steps, batch, OutputSize]: logits for cross-entropy, values for MSE; <paramref name="outputs"/> must not overlap <paramref name="inputs"/>.</summary>
    void Predict(ReadOnlySpan<T> inputs, Span<T> outputs, int steps);

    /// <summary>The steps recorded in the current window.</summary>
    int WindowSteps { get; }

    /// <summary>Starts a window (a tape of at most <paramref name="capacity"/> steps), states zero or carried from the last window's last step.</summary>
    void BeginWindow(int batch, int capacity, bool carryState = false);

    /// <summary>One step of the window: inputs [batch, InputSize] → outputs [batch, OutputSize], kept in the tape; <paramref name="outputs"/> must not overlap <paramref name="inputs"/>.</summary>
    void Step(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>∂(Σ_t ⟨δY_t, Y_t⟩)/∂θ over the recorded window, for output cotangents δY [WindowSteps, batch, OutputSize]; <paramref name="gradient"/> must not overlap <paramref name="outputCotangents"/> or <see cref="Parameters"/>; throws InvalidOperationException before <see cref="BeginWindow"/>.</summary>
    void WindowGradient(ReadOnlySpan<T> outputCotangents, Span<T> gradient);

    /// <summary>
    /// As <see cref="WindowGradient"/>, and also δX_t = ∂(Σ_s ⟨δY_s, Y_s⟩)/∂X_t for every recorded step, written to
    /// <paramref name="inputCotangents"/> [WindowSteps, batch, InputSize] (a second-order meta-gradient needs them). The three
    /// spans must not overlap one another, nor <paramref name="gradient"/> <see cref="Parameters"/>.
    /// </summary>
    void WindowVjp(ReadOnlySpan<T> outputCotangents, Span<T> gradient, Span<T> inputCotangents);
}
