using System;
using System.Collections.Generic;

namespace Teleport.Training;

/// <summary>
/// The models and optimizers that a trainer of this process is using now: a <see cref="Trainer.Run"/>,
/// <see cref="Trainer.Resume"/> or <see cref="Trainer.SaveCheckpoint"/> holds its <see cref="Trainer.Model"/> and
/// <see cref="Trainer.Optimizer"/> while it lasts, and another trainer's call on either of the same instances is
/// refused before it trains, restores or writes anything.
/// </summary>
/// <remarks>
/// A generated model's members share one workspace per instance, and an optimizer's step updates its own state: two runs
/// over one model (two trainers with different optimizers, say, started side by side on two threads) computed each
/// other's activations and gradients and stepped one parameter vector from both — numbers neither run gives alone, and no
/// error. Checked once per run, never per step.
/// </remarks>
internal static class RunningObjects
{
    private static readonly HashSet<object> s_held = new(ReferenceEqualityComparer.Instance);

    /// <summary>Holds <paramref name="model"/> and <paramref name="optimizer"/> until the returned claim is disposed.</summary>
    /// <exception cref="InvalidOperationException">A run of another trainer holds one of them.</exception>
    internal static IDisposable Take(IDifferentiableModel<float> model, object optimizer)
    {
        lock (s_held)
        {
            if (s_held.Contains(model))
                throw new InvalidOperationException($"The model ({model.Info.Name}) is in use by another trainer's Run, Resume or SaveCheckpoint now. A model instance is used by one thread at a time (its members share one workspace): give each trainer its own model.");
            if (s_held.Contains(optimizer))
                throw new InvalidOperationException("The optimizer is in use by another trainer's Run, Resume or SaveCheckpoint now. An optimizer steps one run's parameters: give each trainer its own optimizer.");
            s_held.Add(model);
            s_held.Add(optimizer);
        }
        return new Claim(model, optimizer);
    }

    private sealed class Claim(object model, object optimizer) : IDisposable
    {
        private bool _released;

        public void Dispose()
        {
            if (_released) return;
            _released = true;
            lock (s_held)
            {
                s_held.Remove(model);
                s_held.Remove(optimizer);
            }
        }
    }
}
