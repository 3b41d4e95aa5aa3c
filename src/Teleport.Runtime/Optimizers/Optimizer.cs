using System;
using System.Collections.Generic;
using System.Numerics;
using Teleport.Optimizers.Lanes;

namespace Teleport.Optimizers;

/// <summary>
/// A first-order optimizer over one flat parameter vector, with PyTorch 1.13's update rules
/// (the single-tensor, non-foreach code path, in the same operation order, so float32 results
/// match PyTorch's to the last bit or so).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// <see cref="Step"/> allocates nothing and is vectorised (512/256/128-bit registers, then a scalar
/// tail, with identical per-element arithmetic). The state is a step counter and the named
/// <see cref="Buffers"/>; hyperparameters live in <see cref="Settings"/>, and the learning rate can be
/// changed between steps (a schedule) through <see cref="LearningRate"/>.
/// </remarks>
public abstract class Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private OptimizerSettings settings;
    private OptimizerBuffer<T>[] buffers = [];
    private double learningRate;

    private protected Optimizer(OptimizerKind kind, int parameterCount, OptimizerSettings? settings)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Optimizers run on float or double parameters, not {typeof(T).Name}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        Kind = kind;
        ParameterCount = parameterCount;
        this.settings = (settings ?? new OptimizerSettings()).Resolve(kind);
        RequireInPrecision(this.settings, kind);
        learningRate = this.settings.LearningRate!.Value;
    }

    /// <summary>The optimizer kind (SGD reports <see cref="OptimizerKind.Momentum"/> when created as such).</summary>
    public OptimizerKind Kind { get; private set; }

    /// <summary>Length of the parameter and gradient spans <see cref="Step"/> takes.</summary>
    public int ParameterCount { get; }

    /// <summary>Steps taken since creation or <see cref="Reset"/> (PyTorch's <c>state['step']</c>).</summary>
    public long StepCount { get; private set; }

    /// <summary>The learning rate of the next step (PyTorch's <c>param_group['lr']</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, NaN or infinite.</exception>
    public double LearningRate
    {
        get => learningRate;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and ≥ 0.");
            }

            if (!T.IsFinite(T.CreateTruncating(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The learning rate must be finite in {typeof(T).Name}, the parameters' precision.");
            }

            learningRate = value;
        }
    }

    /// <summary>The resolved hyperparameters (every default filled in), with the current learning rate.</summary>
    public OptimizerSettings Settings =>
        settings.LearningRate == learningRate ? settings : settings with { LearningRate = learningRate };

    /// <summary>The state buffers, in PyTorch's state order. Their <see cref="OptimizerBuffer{T}.Values"/> may be read and written.</summary>
    public IReadOnlyList<OptimizerBuffer<T>> Buffers => buffers;

    /// <summary>The buffer with PyTorch state key <paramref name="name"/>, or null if this optimizer has none.</summary>
    public OptimizerBuffer<T>? FindBuffer(string name)
    {
        foreach (OptimizerBuffer<T> buffer in buffers)
        {
            if (buffer.Name == name)
            {
                return buffer;
            }
        }

        return null;
    }

    /// <summary>Takes one step: updates <paramref name="parameters"/> in place from <paramref name="gradient"/>.</summary>
    /// <exception cref="ArgumentException">A span's length is not <see cref="ParameterCount"/>, or the gradient partially
    /// overlaps the parameters.</exception>
    /// <exception cref="InvalidOperationException"><see cref="StepCount"/> is <see cref="long.MaxValue"/>.</exception>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradient)
    {
        CheckLengths(parameters, gradient);
        StepCount++;
        Update(parameters, gradient, StepCount, sumSquares: false);
    }

    /// <summary>
    /// Takes one step, as <see cref="Step"/>, and returns Σ g² over <paramref name="gradient"/> as given (before weight
    /// decay or maximize) in double: the bits of <see cref="Kernels.Reductions.SumOfSquaresAsDouble{T}"/>. Where <see cref="SumsSquaresInItsPass"/>, the squares are summed in the update's own pass.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length is not <see cref="ParameterCount"/>, or the gradient partially
    /// overlaps the parameters.</exception>
    /// <exception cref="InvalidOperationException"><see cref="StepCount"/> is <see cref="long.MaxValue"/>.</exception>
    internal double StepAndSumSquares(Span<T> parameters, ReadOnlySpan<T> gradient)
    {
        CheckLengths(parameters, gradient);
        StepCount++;
        return Update(parameters, gradient, StepCount, sumSquares: true);
    }

    /// <summary>
    /// Whether <see cref="StepAndSumSquares"/> costs less than Σ g² and <see cref="Step"/> apart: an update that waits on
    /// divisions and square roots (AdaGrad, Adam, AdamW, RMSProp; not SGD), of a vector short enough for one pass
    /// (<see cref="UpdateDriver.SumsSquaresInPass"/>).
    /// </summary>
    internal bool SumsSquaresInItsPass => UpdateWaitsOnDivision && UpdateDriver.SumsSquaresInPass(ParameterCount);

    private void CheckLengths(Span<T> parameters, ReadOnlySpan<T> gradient)
    {
        // A step past long.MaxValue wrapped the count to long.MinValue, and Adam's bias corrections 1 − βᵗ made every
        // parameter NaN (a state loaded with that count). O(1).
        if (StepCount == long.MaxValue)
        {
            throw new InvalidOperationException($"The optimizer has taken {long.MaxValue} steps, the most its step count holds; Reset it or load another state.");
        }

        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} parameters, got {parameters.Length}.", nameof(parameters));
        }

        if (gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} gradient values, got {gradient.Length}.", nameof(gradient));
        }

        // Shifted over the parameters, the gradient would be read after the update wrote there (silently wrong). O(1).
        if (((ReadOnlySpan<T>)parameters).Overlaps(gradient, out int offset) && offset != 0)
        {
            throw new ArgumentException($"The gradient partially overlaps the parameters (shifted by {offset} elements).", nameof(gradient));
        }
    }

    /// <summary>
    /// Clears the state as if the optimizer were freshly created: step count 0 and every buffer at
    /// its initial value. Hyperparameters, including a changed learning rate, are kept.
    /// </summary>
    public void Reset()
    {
        StepCount = 0;
        foreach (OptimizerBuffer<T> buffer in buffers)
        {
            buffer.Reset();
        }
    }

    /// <summary>A copy of the state and hyperparameters.</summary>
    public OptimizerState<T> SaveState()
    {
        var values = new Dictionary<string, T[]>(buffers.Length);
        foreach (OptimizerBuffer<T> buffer in buffers)
        {
            values.Add(buffer.Name, buffer.Values.ToArray());
        }

        return new OptimizerState<T>
        {
            Kind = Kind,
            ParameterCount = ParameterCount,
            StepCount = StepCount,
            Settings = Settings,
            Buffers = values,
        };
    }

    /// <summary>
    /// Restores a state from <see cref="SaveState"/>: hyperparameters (including the learning rate),
    /// step count and buffer values. Continuing afterwards gives exactly the steps the saved
    /// optimizer would have taken. Buffer objects are kept where the buffer set is unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Another optimizer kind or parameter count, invalid settings, or buffers that are missing,
    /// unexpected or of the wrong length; the optimizer is then left unchanged.
    /// </exception>
    public void LoadState(OptimizerState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!Accepts(state.Kind))
        {
            throw new ArgumentException($"A {state.Kind} state cannot be loaded into a {Kind} optimizer.", nameof(state));
        }

        if (state.ParameterCount != ParameterCount)
        {
            throw new ArgumentException($"The state is for {state.ParameterCount} parameters, this optimizer has {ParameterCount}.", nameof(state));
        }

        if (state.StepCount < 0)
        {
            throw new ArgumentException($"Invalid step count {state.StepCount}.", nameof(state));
        }

        ArgumentNullException.ThrowIfNull(state.Buffers);
        OptimizerSettings resolved = (state.Settings ?? throw new ArgumentException("The state has no settings.", nameof(state))).Resolve(state.Kind);
        RequireInPrecision(resolved, state.Kind);
        (OptimizerSettings oldSettings, OptimizerBuffer<T>[] oldBuffers, OptimizerKind oldKind) = (settings, buffers, Kind);
        (settings, Kind) = (resolved, state.Kind);
        Configure();
        string? problem = CheckBuffers(state.Buffers);
        if (problem is not null)
        {
            (settings, buffers, Kind) = (oldSettings, oldBuffers, oldKind);
            Configure();
            throw new ArgumentException(problem, nameof(state));
        }

        foreach (OptimizerBuffer<T> buffer in buffers)
        {
            state.Buffers[buffer.Name].CopyTo(buffer.Values);
        }

        learningRate = resolved.LearningRate!.Value;
        StepCount = state.StepCount;
    }

    /// <summary>
    /// Applies one step; <paramref name="step"/> is the 1-based number of this step. Returns Σ g² when
    /// <paramref name="sumSquares"/> (<see cref="UpdateDriver.RunSummingSquares{T, TKernel}"/>), else 0.
    /// </summary>
    private protected abstract double Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step, bool sumSquares);

    /// <summary>Whether the update waits on divisions and square roots, leaving room beside them for the squares of <see cref="StepAndSumSquares"/>.</summary>
    private protected virtual bool UpdateWaitsOnDivision => false;

    /// <summary>
    /// The settings are validated in double, and a float optimizer steps with them rounded to float: a learning rate
    /// above 3.4e38 is ∞ there and an ε below 7e-46 is 0, and either makes a parameter whose gradient is still 0 (a dead
    /// unit's) step by ∞·0 or 0/0 = NaN. Refused here, where the precision is known.
    /// </summary>
    private static void RequireInPrecision(OptimizerSettings resolved, OptimizerKind kind)
    {
        double rate = resolved.LearningRate!.Value, epsilon = resolved.Epsilon!.Value;
        if (!T.IsFinite(T.CreateTruncating(rate)))
        {
            throw new ArgumentException($"Invalid learning rate: {rate} (it is ∞ in {typeof(T).Name}, the parameters' precision).", nameof(OptimizerSettings.LearningRate));
        }

        // the divisions of OptimizerSettings' "ε > 0" rule: Adam's, AdamW's and RMSProp's always, AdaGrad's with a zero start
        bool divides = kind is OptimizerKind.Adam or OptimizerKind.AdamW or OptimizerKind.RmsProp
            || (kind == OptimizerKind.AdaGrad && T.CreateTruncating(resolved.InitialAccumulatorValue) == T.Zero);
        if (divides && epsilon > 0 && T.CreateTruncating(epsilon) == T.Zero)
        {
            throw new ArgumentException($"Invalid epsilon value: {epsilon} (it is 0 in {typeof(T).Name}, the parameters' precision: a parameter whose gradient is still 0 would step by 0/0 = NaN).", nameof(OptimizerSettings.Epsilon));
        }
    }

    /// <summary>Reads <see cref="ResolvedSettings"/> into fields and defines the buffers with <see cref="DefineBuffer"/> and <see cref="SetBuffers"/>.</summary>
    private protected abstract void Configure();

    /// <summary>Whether a state saved by <paramref name="kind"/> fits this optimizer.</summary>
    private protected virtual bool Accepts(OptimizerKind kind) => kind == Kind;

    /// <summary>The resolved settings (the learning rate field is the initial one; read <see cref="LearningRate"/>).</summary>
    private protected OptimizerSettings ResolvedSettings => settings;

    /// <summary>The existing buffer called <paramref name="name"/> with the same initial value, or a new one; appended to <paramref name="into"/>.</summary>
    private protected OptimizerBuffer<T> DefineBuffer(List<OptimizerBuffer<T>> into, string name, OptimizerBufferKind kind, T initialValue)
    {
        OptimizerBuffer<T>? existing = FindBuffer(name);
        OptimizerBuffer<T> buffer = existing is not null && existing.Kind == kind && existing.InitialValue == initialValue
            ? existing
            : new OptimizerBuffer<T>(name, kind, ParameterCount, initialValue);
        into.Add(buffer);
        return buffer;
    }

    private protected void SetBuffers(List<OptimizerBuffer<T>> defined) => buffers = defined.ToArray();

    private string? CheckBuffers(IReadOnlyDictionary<string, T[]> values)
    {
        foreach (OptimizerBuffer<T> buffer in buffers)
        {
            if (!values.TryGetValue(buffer.Name, out T[]? data) || data is null)
            {
                return $"The state has no '{buffer.Name}' buffer.";
            }

            if (data.Length != ParameterCount)
            {
                return $"The state's '{buffer.Name}' buffer has {data.Length} values, expected {ParameterCount}.";
            }
        }

        foreach (string name in values.Keys)
        {
            if (FindBuffer(name) is null)
            {
                return $"The state has a '{name}' buffer that a {Kind} optimizer with these settings does not use.";
            }
        }

        return null;
    }
}
