using System;

namespace Teleport;

/// <summary>
/// Argument checks of a recurrent network's members (inputs [steps, batch, InputSize], targets [steps, batch, …]):
/// each failure names the argument and the sizes involved.
/// </summary>
public static class SequenceArguments
{
    /// <summary>The batch size n of an input sequence [steps, n, inputSize]; throws when steps is not positive or the span is empty or ragged.</summary>
    public static int BatchSize(int inputLength, int inputSize, int steps)
    {
        if (steps <= 0)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be at least 1.");
        if (inputSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "inputSize (features per sample) must be ≥ 1.");
        if (inputLength == 0)
            throw new ArgumentException("The batch is empty: inputs has no values.", "inputs");
        var perStep = (long)steps * inputSize;
        if (inputLength % perStep != 0)
            throw new ArgumentException($"inputs has {inputLength} values, which is not {steps} steps of whole samples of {inputSize} features.", "inputs");
        return (int)(inputLength / perStep);
    }

    /// <summary>The batch size n, also checking that targets hold steps·n·<paramref name="targetsPerSample"/> values.</summary>
    public static int BatchSize(int inputLength, int inputSize, int steps, int targetLength, int targetsPerSample)
    {
        var n = BatchSize(inputLength, inputSize, steps);
        var expected = (long)steps * n * targetsPerSample;
        if (expected != targetLength)
            throw new ArgumentException(
                targetsPerSample == 1
                    ? $"inputs hold {steps} steps of {n} samples, so targets need {expected} labels, but hold {targetLength}."
                    : $"inputs hold {steps} steps of {n} samples, so targets need {expected} values ({targetsPerSample} per sample and step), but hold {targetLength}.",
                "targets");
        return n;
    }

    /// <summary>Checks the arguments of a recurrent network's BeginWindow against the window it replaces.</summary>
    public static void CheckWindow(int batch, int capacity, bool carryState, int currentBatch, int currentCapacity, int currentSteps)
    {
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be at least 1.");
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 1.");
        if (carryState && currentSteps > 0 && (batch != currentBatch || capacity != currentCapacity))
            throw new ArgumentException(
                $"carryState needs the previous window's batch and capacity ({currentBatch}, {currentCapacity}), but got ({batch}, {capacity}).", nameof(carryState));
    }

    /// <summary>Checks that BeginWindow has been called (a begun window has a capacity of at least 1) before <paramref name="member"/> uses the window.</summary>
    public static void CheckWindowBegun(int capacity, string member)
    {
        if (capacity == 0) throw new InvalidOperationException($"{member} needs a window: call BeginWindow first.");
    }

    /// <summary>Checks one Step of a window: a window begun and not full, and inputs [batch, inputSize], outputs [batch, outputSize].</summary>
    public static void CheckStep(int inputLength, int outputLength, int inputSize, int outputSize, int batch, int capacity, int steps)
    {
        CheckWindowBegun(capacity, "Step");
        if (steps >= capacity) throw new InvalidOperationException($"The window is full: it holds {capacity} steps (BeginWindow's capacity).");
        if (inputLength != (long)batch * inputSize)
            throw new ArgumentException($"inputs has {inputLength} values but a step of {batch} samples needs {(long)batch * inputSize}.", "inputs");
        if (outputLength != (long)batch * outputSize)
            throw new ArgumentException($"outputs has {outputLength} values but a step of {batch} samples needs {(long)batch * outputSize}.", "outputs");
    }
}
