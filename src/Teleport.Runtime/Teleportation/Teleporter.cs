using System;
using System.Collections.Generic;
using System.Numerics;
using System.Numerics.Tensors;
using System.Globalization;
using System.Linq;
using Teleport.Kernels;
using Teleport.LinearAlgebra;

namespace Teleport.Teleportation;

/// <summary>
/// Teleports one model on one batch: guarded gradient ascent of F = ‖∇L‖² on the product of the
/// model's symmetry groups (Zhao et al., ICLR 2024: ascent of ‖∇L‖² for faster convergence), keeping the loss within a
/// tolerance of its value before the teleport — or, with <see cref="TeleportOptions.Objective"/> and
/// <see cref="TeleportOptions.Direction"/>, ascent or descent of another objective (the paper's sharpness φ and orbit
/// curvature κ for generalisation, the Hessian trace, λmax) with the same guard, rollback, report and transport.
/// </summary>
/// <remarks>
/// <para>
/// Every buffer is sized from <see cref="NetworkInfo.Symmetries"/> and the parameter count when the
/// teleporter is created, and the <see cref="Report"/> is refilled in place, so a teleport allocates
/// nothing once the model itself has warmed up at the batch size. One teleporter serves one model;
/// it is not thread-safe.
/// </para>
/// <para>
/// For each symmetry used by the last teleport the teleporter keeps the accumulated group element,
/// the product g_t⋯g_1 of the accepted steps' elements (an elementwise product for the diagonal
/// group), so a trainer can transport optimizer state with <see cref="TransportCovector"/>. The
/// symmetries of different layers commute (one multiplies a weight from the left, the other from
/// the right), so the accumulated elements describe the whole teleport whatever the order.
/// </para>
/// <para>One thread at a time: a teleporter keeps its buffers and the accumulated elements, and moves its model's
/// parameters, which nothing else may use meanwhile (a model instance serves one thread at a time). Teleporters of
/// different models may run on different threads at once, also beside training runs.</para>
/// </remarks>
public sealed partial class Teleporter<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ITeleportable<T> model;
    private readonly NetworkInfo info;
    private readonly int[] offsets;
    private readonly int[] widths;
    private readonly int[] order;
    private readonly bool[] diagonal;
    private readonly bool[] active;
    private readonly bool[] used;
    private readonly string[] ids;
    private AlignedArray<T> gradient; // swapped with acceptedGradient when a transported step is accepted
    private readonly T[] snapshot;

    // The parameter vector's ranges for passes over all of it on two threads: each thread its rows of every weight.
    private readonly RowHalves halves;
    private readonly T[] steps;
    private readonly T[] elements;
    private readonly T[] accumulated;
    private readonly T[] product;
    private readonly T[] mapWorkspace;
    private readonly int[] pivots;
    private readonly TeleportOptions defaultOptions = new();
    private T[] lieCurrent;

    // The token of the teleport under way (none outside one): checked between steps, sharpness directions, trace probes
    // and Lanczos iterations.
    private System.Threading.CancellationToken cancellation;
    private T[] lieTrial;

    /// <summary>
    /// A teleporter for <paramref name="model"/>, with buffers sized from its <see cref="NetworkInfo"/>. A float model
    /// that is an <see cref="IHasFloat64Twin"/> gets its loss-drift guard evaluated in double (see <see cref="GuardsInDouble"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A symmetry's dimension does not fit its group (k for the diagonal group, k² for GL(k)), or its kind is unknown to this runtime.</exception>
    public Teleporter(ITeleportable<T> model)
        : this(model, null)
    {
    }

    /// <summary>
    /// A teleporter for <paramref name="model"/> whose loss-drift guard evaluates the loss in double with
    /// <paramref name="guard"/>, the same network in double precision (null: the model's own twin if it is an
    /// <see cref="IHasFloat64Twin"/>, else the model's loss).
    /// </summary>
    /// <exception cref="ArgumentException">A symmetry's dimension does not fit its group, its kind is unknown to this runtime, or the twin is not the same network (parameter count, sizes, loss, layers or tensors differ).</exception>
    public Teleporter(ITeleportable<T> model, IDifferentiableModel<double>? guard)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        guardModel = TwinOf(model, guard);
        info = model.Info;
        IReadOnlyList<SymmetryInfo> symmetries = info.Symmetries;
        int count = symmetries.Count, total = 0, widest = 1;
        offsets = new int[count];
        widths = new int[count];
        diagonal = new bool[count];
        ids = new string[count];
        for (int s = 0; s < count; s++)
        {
            SymmetryInfo symmetry = symmetries[s];
            SymmetrySelection.CheckKind(symmetry, s);
            int k = symmetry.Width;
            bool isDiagonal = symmetry.IsDiagonal;
            long expected = isDiagonal ? k : (long)k * k;
            if (k < 1 || symmetry.Dimension != expected)
            {
                throw new ArgumentException($"Symmetry {s} ({symmetry.Id} on layer {symmetry.Layer}) acts on {symmetry.GroupName} of width {k} with dimension {symmetry.Dimension}: its group needs {(isDiagonal ? "k" : "k²")} = {expected}.", nameof(model));
            }

            (offsets[s], widths[s], diagonal[s]) = (total, k, isDiagonal);
            ids[s] = string.Create(CultureInfo.InvariantCulture, $"{symmetry.Id}@{symmetry.Layer}");
            total += symmetry.Dimension;
            widest = Math.Max(widest, isDiagonal ? 1 : k);
        }

        order = LayerOrder(symmetries);
        active = new bool[count];
        used = new bool[count];
        gradient = new AlignedArray<T>(info.ParameterCount); // read by the ascent's vector loops every step
        snapshot = new T[info.ParameterCount];
        lieCurrent = new T[total];
        lieTrial = new T[total];
        steps = new T[total];
        elements = new T[total];
        accumulated = new T[total];
        product = new T[widest * widest];
        mapWorkspace = new T[GroupElements.WorkspaceLength(widest)];
        pivots = new int[widest];
        origin = new T[info.ParameterCount];
        halves = RowHalves.Create(info.ParameterCount, info.Tensors.Select(t => ((long)t.Offset, (long)t.Length, t.Shape.Count > 0 ? t.Shape[0] : 1)));
        Report = new TeleportReport(defaultOptions.Steps, count);
        ResetAccumulated();
        InitializeTransport();
    }

    /// <summary>The model this teleporter moves.</summary>
    public ITeleportable<T> Model => model;

    /// <summary>The report of the last teleport (refilled by every call; <see cref="TeleportReport.Clone"/> keeps one).</summary>
    public TeleportReport Report { get; }

    /// <summary>Number of symmetries the model declares (<see cref="NetworkInfo.Symmetries"/>).</summary>
    public int SymmetryCount => ids.Length;

    /// <summary>Whether symmetry <paramref name="symmetry"/> was active in the last teleport and at least one step was accepted.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="symmetry"/> is not in [0, <see cref="SymmetryCount"/>).</exception>
    public bool IsUsed(int symmetry) => used[CheckSymmetry(symmetry)];

    /// <summary>Whether symmetry <paramref name="symmetry"/> is the positive diagonal group (k factors) rather than GL(k) (k×k).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="symmetry"/> is not in [0, <see cref="SymmetryCount"/>).</exception>
    public bool IsDiagonal(int symmetry) => diagonal[CheckSymmetry(symmetry)];

    /// <summary>
    /// The product of the accepted group elements of symmetry <paramref name="symmetry"/> in the last
    /// teleport: k×k row-major (GL(k)) or k factors (diagonal); the identity when it was not used.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="symmetry"/> is not in [0, <see cref="SymmetryCount"/>).</exception>
    public ReadOnlySpan<T> AccumulatedGroupElement(int symmetry) =>
        accumulated.AsSpan(offsets[CheckSymmetry(symmetry)], info.Symmetries[symmetry].Dimension);

    /// <summary>A symmetry index of <see cref="NetworkInfo.Symmetries"/>, or an exception naming the range (it was an IndexOutOfRangeException).</summary>
    private int CheckSymmetry(int symmetry) => (uint)symmetry < (uint)ids.Length
        ? symmetry
        : throw new ArgumentOutOfRangeException(nameof(symmetry), symmetry, string.Create(CultureInfo.InvariantCulture,
            $"{info.Name} has {ids.Length} symmetries: the index must be in [0, {ids.Length})."));

    /// <summary>
    /// Transports a parameter-shaped covector (a gradient, a first moment, or with
    /// <paramref name="squared"/> a second moment) through the last teleport, by
    /// <see cref="ITeleportable{T}.TransportCovector"/> with each used symmetry's accumulated element.
    /// Returns false, changing nothing, when a used symmetry is data-dependent (S3, S4: no linear
    /// transport); it also returns false if the model refuses a transport, after transporting by the
    /// symmetries before it.
    /// </summary>
    public bool TransportCovector(Span<T> covector, bool squared)
    {
        for (int s = 0; s < used.Length; s++)
        {
            if (used[s] && info.Symmetries[s].IsDataDependent)
            {
                return false;
            }
        }

        foreach (int s in order)
        {
            if (used[s] && !model.TransportCovector(s, AccumulatedGroupElement(s), covector, squared))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Symmetry indices sorted by hidden layer (stable): the order actions are applied in.</summary>
    private static int[] LayerOrder(IReadOnlyList<SymmetryInfo> symmetries)
    {
        var result = new int[symmetries.Count];
        for (int s = 0; s < result.Length; s++)
        {
            int position = s;
            while (position > 0 && symmetries[result[position - 1]].Layer > symmetries[s].Layer)
            {
                result[position] = result[position - 1];
                position--;
            }

            result[position] = s;
        }

        return result;
    }

    /// <summary>Every accumulated element ← identity; nothing used.</summary>
    private void ResetAccumulated()
    {
        for (int s = 0; s < ids.Length; s++)
        {
            Span<T> element = accumulated.AsSpan(offsets[s], diagonal[s] ? widths[s] : widths[s] * widths[s]);
            if (diagonal[s])
            {
                element.Fill(T.One);
            }
            else
            {
                SmallMatrix.Identity(element, widths[s]);
            }

            used[s] = false;
        }
    }

    /// <summary>accumulated ← g·accumulated for every active symmetry (elementwise for the diagonal group).</summary>
    private void Accumulate()
    {
        for (int s = 0; s < ids.Length; s++)
        {
            if (!active[s])
            {
                continue;
            }

            int k = widths[s];
            Span<T> total = accumulated.AsSpan(offsets[s], diagonal[s] ? k : k * k);
            ReadOnlySpan<T> g = elements.AsSpan(offsets[s], total.Length);
            if (diagonal[s])
            {
                TensorPrimitives.Multiply(total, g, total);
            }
            else
            {
                Span<T> result = product.AsSpan(0, k * k);
                LayerAlgebra.NN(g, total, result, k, k, k);
                result.CopyTo(total);
            }

            used[s] = true;
        }
    }
}
