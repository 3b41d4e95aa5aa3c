using System;
using System.Globalization;
using System.Numerics.Tensors;
using Teleport.Data;
using Teleport.Geometry;
using Teleport.Kernels;

namespace Teleport.Teleportation;

public sealed partial class Teleporter<T>
{
    private readonly SeededRandom objectiveRandom = new(0);
    private long teleportCount;

    /// <summary>
    /// Group teleports taken so far: the stream the next one draws its objective's random directions, probes and generator
    /// from. Saved with a trainer's checkpoints (<see cref="Training.TeleportCallback"/>), so a resumed run draws what an
    /// uninterrupted one draws.
    /// </summary>
    internal long TeleportsTaken
    {
        get => teleportCount;
        set => teleportCount = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A count of teleports is not negative.");
    }
    private long objectiveStream;
    private T[] objectiveBase = [];
    private T[] objectiveCotangent = [];
    private T[] objectiveScratch = [];
    private T[] objectiveProbe = [];
    private T[] orbitFirst = [];
    private T[] orbitSecond = [];
    private T[] orbitThird = [];
    private T[] curvatureGenerator = [];
    private HessianTopEigenvalue<T>? topEigenvalue;

    /// <summary>
    /// Evaluates the objective of <paramref name="options"/> (<see cref="TeleportOptions.Objective"/>) at the current
    /// parameters on the batch, and its gradient on the Lie algebra of the symmetries a teleport with these options would
    /// use (written to their slices of <paramref name="lieAlgebraGradient"/>, the others cleared) — what every step of
    /// <see cref="Teleport(ReadOnlySpan{T}, Targets{T}, TeleportOptions?)"/> evaluates. The random draws (directions, probes, generator) are those of the next teleport.
    /// For tests and diagnostics; the parameters end where they started.
    /// </summary>
    /// <returns>The loss on the batch and the objective's value.</returns>
    public (double Loss, double Objective) EvaluateObjective(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, Span<T> lieAlgebraGradient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ModelArguments.CheckLength(lieAlgebraGradient.Length, lieCurrent.Length, nameof(lieAlgebraGradient));
        CheckObjectiveSupported(options);
        SelectActive(inputs, options);
        lieAlgebraGradient.Clear();
        objectiveStream = teleportCount;
        return Evaluate(inputs, targets, options, lieAlgebraGradient, trial: false);
    }

    /// <summary>Fills <see cref="active"/> for <paramref name="options"/> (its set, then its layer restriction); returns the count.</summary>
    private int SelectActive(ReadOnlySpan<T> inputs, TeleportOptions options)
    {
        int batch = ModelArguments.BatchSize(inputs.Length, info.InputSize);
        // A layer the network does not have is a wrong index, not a layer without symmetries: it stopped as NoSymmetry.
        if (options.OnlyLayer is { } only && only >= info.Layers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(TeleportOptions.OnlyLayer), string.Create(CultureInfo.InvariantCulture,
                $"TeleportOptions.OnlyLayer is {only}, but {info.Name} has layers 0 to {info.Layers.Count - 1}."));
        }

        int count = SymmetrySelection.Select(info, options.Symmetries, batch, active);
        for (int s = 0; options.OnlyLayer is { } layer && s < active.Length; s++)
        {
            if (active[s] && info.Symmetries[s].Layer != layer)
            {
                active[s] = false;
                count--;
            }
        }

        return count;
    }

    /// <summary>Throws, naming the model and the missing contract, when the model cannot evaluate <paramref name="options"/>'s objective, or naming the setting when a sharpness radius is not one.</summary>
    private void CheckObjectiveSupported(TeleportOptions options)
    {
        TeleportObjective objective = options.Objective;
        if (TeleportCapability.MissingMembers(model, objective) is { } missing)
        {
            throw new ArgumentException($"{missing}.", nameof(objective));
        }

        if (objective == TeleportObjective.Sharpness)
        {
            TeleportObjectiveOptions.CheckRadii(options.ObjectiveSettings.SharpnessRadii); // O(radii), once per teleport
        }
    }

    /// <summary>The loss and the objective at the current parameters, and ∂F/∂T of the active symmetries into <paramref name="lie"/>.</summary>
    /// <remarks>‖∇L‖² goes through <see cref="StartObjective"/> / <see cref="TrialObjective"/> (<paramref name="trial"/>): transported when the teleport transports the gradient.</remarks>
    private (double Loss, double Objective) Evaluate(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, Span<T> lie, bool trial)
    {
        switch (options.Objective)
        {
            case TeleportObjective.GradientNorm:
                TeleportObjectiveValue<T> value = trial ? TrialObjective(inputs, targets, lie) : StartObjective(inputs, targets, lie);
                return (double.CreateTruncating(value.Loss), double.CreateTruncating(value.GradientNormSquared));
            case TeleportObjective.Sharpness:
                return Sharpness(inputs, targets, options.ObjectiveSettings, lie);
            case TeleportObjective.Curvature:
                return Curvature(inputs, targets, options.ObjectiveSettings, lie);
            default:
                return HessianObjective(inputs, targets, options, lie);
        }
    }

    /// <summary>
    /// φ_tele = mean_{d,t} L(θ + t·u_d/‖u_d‖) and ∂φ/∂T = Jᵀ·ḡ, ḡ = mean_{d,t} ∇L(θ + t·u_d/‖u_d‖) (generalization-and-meta-learning.md
    /// A4: the perturbation does not depend on T, so no Hessian enters). The directions are regenerated from the teleport's
    /// stream at every evaluation, so every step sees the same ones without storing them.
    /// </summary>
    private (double, double) Sharpness(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportObjectiveOptions settings, Span<T> lie)
    {
        Span<T> parameters = model.Parameters;
        int p = parameters.Length;
        EnsureObjectiveBuffers(p);
        Span<T> theta = objectiveBase, mean = objectiveCotangent, gradientAt = objectiveScratch, direction = objectiveProbe;
        LongVectors.Copy<T>(parameters, theta, halves);
        mean.Clear();
        double sum = 0;
        double[] radii = settings.SharpnessRadii;
        objectiveRandom.Reset(settings.Seed, objectiveStream);
        for (int d = 0; d < settings.SharpnessDirections; d++)
        {
            if (cancellation.IsCancellationRequested)
            {
                LongVectors.Copy<T>(theta, parameters, halves); // not left at a perturbed point
                cancellation.ThrowIfCancellationRequested();
            }

            double squares = 0;
            for (int i = 0; i < p; i++)
            {
                double u = objectiveRandom.NextDouble();
                direction[i] = T.CreateTruncating(u);
                squares += u * u;
            }

            T unit = T.CreateTruncating(1 / Math.Sqrt(Math.Max(squares, double.Epsilon)));
            TensorPrimitives.Multiply(direction, unit, direction);
            foreach (double radius in radii)
            {
                // θ + t·u/‖u‖
                TensorPrimitives.MultiplyAdd(direction, T.CreateTruncating(radius), theta, parameters);
                sum += double.CreateTruncating(model.LossAndGradient(inputs, targets, gradientAt));
                TensorPrimitives.Add(mean, gradientAt, mean);
            }
        }

        LongVectors.Copy<T>(theta, parameters, halves);
        int count = settings.SharpnessDirections * radii.Length;
        TensorPrimitives.Multiply(mean, T.One / T.CreateTruncating(count), mean);
        double loss = double.CreateTruncating(model.Loss(inputs, targets));
        ((ILieAlgebraAdjoint<T>)model).LieAlgebraAdjoint(active, inputs, mean, lie);
        return (loss, sum / count);
    }

    /// <summary>
    /// κ of exp(sM)·θ at s = 0 and κ′(0) in closed form from the generated γ′, γ″, γ‴ (A5); the step direction is κ′·M.
    /// M ~ U[0,1) on every active slice, regenerated from the teleport's stream (the same M at every step).
    /// </summary>
    private (double, double) Curvature(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportObjectiveOptions settings, Span<T> lie)
    {
        int p = model.Parameters.Length;
        if (orbitFirst.Length != p)
        {
            (orbitFirst, orbitSecond, orbitThird) = (new T[p], new T[p], new T[p]);
            curvatureGenerator = new T[lieCurrent.Length];
        }

        objectiveRandom.Reset(settings.Seed, objectiveStream);
        for (int s = 0; s < ids.Length; s++)
        {
            Span<T> block = curvatureGenerator.AsSpan(offsets[s], ElementLength(s));
            for (int i = 0; i < block.Length; i++)
            {
                block[i] = active[s] ? T.CreateTruncating(objectiveRandom.NextDouble()) : T.Zero;
            }
        }

        double loss = double.CreateTruncating(model.Loss(inputs, targets));
        if (!((IOrbitDerivatives<T>)model).OrbitDerivatives(active, curvatureGenerator, inputs, OrbitDerivativeMode.Exact, orbitFirst, orbitSecond, orbitThird))
        {
            return (loss, double.NaN);
        }

        (double kappa, double derivative) = CurveCurvature.KappaAndDerivative<T>(orbitFirst, orbitSecond, orbitThird);
        for (int s = 0; s < ids.Length; s++)
        {
            if (active[s])
            {
                int length = ElementLength(s);
                TensorPrimitives.Multiply(curvatureGenerator.AsSpan(offsets[s], length), T.CreateTruncating(derivative), lie.Slice(offsets[s], length));
            }
        }

        return (loss, kappa);
    }

    /// <summary>
    /// Hessian trace (Hutchinson, mean zᵀHz over fixed Rademacher probes) or λmax (uᵀHu, u the top eigenvector by Lanczos)
    /// with ∂F/∂θ = mean D³L[v, v, ·] from the generated third-order member, then the adjoint.
    /// </summary>
    private (double, double) HessianObjective(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, Span<T> lie)
    {
        var third = (IThirdOrderModel<T>)model;
        int p = model.Parameters.Length;
        EnsureObjectiveBuffers(p);
        Span<T> mean = objectiveCotangent, result = objectiveScratch, probe = objectiveProbe, hessianProbe = objectiveBase;
        mean.Clear();
        double sum = 0, loss = 0;
        int probes;
        if (options.Objective == TeleportObjective.TopEigenvalue)
        {
            topEigenvalue ??= new HessianTopEigenvalue<T>(model);
            topEigenvalue.Compute(inputs, targets, options.ObjectiveSettings.EigenvalueTolerance, options.ObjectiveSettings.Seed, cancellation);
            topEigenvalue.Eigenvector.CopyTo(probe);
            T norm = TensorPrimitives.Norm<T>(probe);
            TensorPrimitives.Divide(probe, norm, probe);
            probes = 1;
            loss = double.CreateTruncating(third.QuadraticFormGradient(inputs, targets, probe, hessianProbe, mean));
            sum = double.CreateTruncating(TensorPrimitives.Dot<T>(probe, hessianProbe));
        }
        else
        {
            probes = options.ObjectiveSettings.TraceProbes;
            objectiveRandom.Reset(options.ObjectiveSettings.Seed, objectiveStream);
            for (int k = 0; k < probes; k++)
            {
                cancellation.ThrowIfCancellationRequested();
                for (int i = 0; i < p; i++)
                {
                    probe[i] = (objectiveRandom.NextUInt64() & 1) == 0 ? T.One : -T.One;
                }

                loss = double.CreateTruncating(third.QuadraticFormGradient(inputs, targets, probe, hessianProbe, result));
                sum += double.CreateTruncating(TensorPrimitives.Dot<T>(probe, hessianProbe));
                TensorPrimitives.Add(mean, result, mean);
            }

            TensorPrimitives.Multiply(mean, T.One / T.CreateTruncating(probes), mean);
        }

        ((ILieAlgebraAdjoint<T>)model).LieAlgebraAdjoint(active, inputs, mean, lie);
        return (loss, sum / probes);
    }

    private void EnsureObjectiveBuffers(int p)
    {
        if (objectiveBase.Length != p)
        {
            (objectiveBase, objectiveCotangent, objectiveScratch, objectiveProbe) = (new T[p], new T[p], new T[p], new T[p]);
        }
    }
}
