using System;
using System.Collections.Generic;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Cli.Bench;

/// <summary>
/// A trainer's epochs against the cached step, paired in time: every <see cref="Chunk"/> steps of the run, the callback
/// reads the trainer's clock for them and then times <see cref="Chunk"/> cached steps (on a model of its own, so the
/// run's numbers are untouched); the ratio is taken per pair. Whole-epoch ratios on the AVX2 VM ranged 0.80–1.52× in
/// one bench run because the host's speed changed between the step's bursts and the epochs (the step read 20 and
/// 41 µs); a pair's two sides are ~5 ms apart, so such a change moves both.
/// </summary>
/// <remarks>
/// The callback runs on the training clock; its bursts are left out of the trainer's side (the clock is read before
/// a burst and again after it). A pair never spans two epochs.
/// </remarks>
internal sealed class PairedEpochs(Func<int, double> cachedSecondsPerStep, Func<double> trainerClock) : ITrainingObserver
{
    /// <summary>Steps per side of a pair.</summary>
    public const int Chunk = 250;

    private readonly List<List<double>> _ratios = [];
    private double _clockAfterBurst;
    private long _stepAfterBurst;

    /// <summary>Trainer over cached seconds per step, one list per epoch (0-based), one value per pair.</summary>
    public IReadOnlyList<List<double>> Ratios => _ratios;

    public void OnBatchEnd(TrainingContext context)
    {
        var steps = context.GlobalStep - _stepAfterBurst; // GlobalStep counts this step already
        if (steps < Chunk) return;
        var trainerPerStep = (trainerClock() - _clockAfterBurst) / steps;
        var ratio = trainerPerStep / cachedSecondsPerStep(Chunk);
        while (_ratios.Count <= context.EpochIndex) _ratios.Add([]);
        _ratios[context.EpochIndex].Add(ratio);
        _clockAfterBurst = trainerClock();
        _stepAfterBurst = context.GlobalStep;
    }

    public void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        // The next pair starts in the next epoch: the steps left over here are not paired.
        _clockAfterBurst = trainerClock();
        _stepAfterBurst = context.GlobalStep;
    }
}
