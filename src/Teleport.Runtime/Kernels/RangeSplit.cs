namespace Teleport.Kernels;

/// <summary>
/// A pass over indices [0, count) — elements of a vector, or rows of a matrix — that can run one range at a time:
/// the work for index i touches only what belongs to index i.
/// </summary>
internal interface IRangePass
{
    /// <summary>Runs the pass on indices [<paramref name="from"/>, <paramref name="to"/>).</summary>
    void Run(long from, long to);
}

/// <summary>
/// Runs a range pass on this thread and the GEMM worker when the work is large enough and the worker is free
/// (<see cref="GemmParallel.ShouldSplitElements"/>, <see cref="GemmParallel.TryAcquire"/>), otherwise on this thread
/// in one call: the teleport's copies, finiteness checks and widenings of a wide network's whole parameter vector, the
/// row passes of its group actions, and long reductions (<see cref="DeterministicReduction"/>). <see cref="RangeJob{TPass}"/>
/// also runs the column blocks of <see cref="ColumnBlocks"/>.
/// </summary>
/// <remarks>
/// Why: measured on the wide network's teleport (784-512-512-10, batch 200), these passes over 2.7 MB were a third of
/// its time on one thread and all of it stayed on one thread, so two threads gave ×1.4; shared, ×1.76–1.83 when the
/// cores share data quickly. Every index is computed by the same code whichever thread runs it, so results do not
/// depend on the thread count.
/// </remarks>
internal static class RangeSplit
{
    /// <summary>Whether passes may split at all (measurement: the same process with and without, interleaved).</summary>
    internal static bool Enabled { get; set; } = true;

    /// <summary>
    /// Runs <paramref name="pass"/> over [0, <paramref name="count"/>) in ranges starting on multiples of
    /// <paramref name="alignment"/>; on two threads when the pass stands for at least <see cref="GemmParallel.MinimumElements"/>
    /// values (<paramref name="elements"/>) and there are two ranges to share.
    /// </summary>
    internal static void Run<TPass>(TPass pass, long count, long elements, int alignment = GemmParallel.ElementChunkAlignment)
        where TPass : struct, IRangePass
    {
        if (Enabled && count >= 2L * alignment && GemmParallel.ShouldSplitElements(elements) && GemmParallel.TryAcquire())
        {
            RangeJob<TPass>.Run(pass, count, (int)System.Math.Min(GemmParallel.MaxChunks, count / alignment), alignment);
            return;
        }
        pass.Run(0, count);
    }

    /// <summary>
    /// Runs <paramref name="pass"/> over [0, <paramref name="plan"/>.Count) in the plan's ranges (<see cref="RowHalves"/>), on two
    /// threads when the vector holds at least <see cref="GemmParallel.MinimumElements"/> values.
    /// </summary>
    internal static void Run<TPass>(TPass pass, RowHalves plan)
        where TPass : struct, IRangePass
    {
        if (Enabled && plan.From.Length >= 2 && GemmParallel.ShouldSplitElements(plan.Count) && GemmParallel.TryAcquire())
        {
            RangeJob<TPass>.Run(pass, plan);
            return;
        }
        pass.Run(0, plan.Count);
    }
}

/// <summary>The pass being split (static fields: nothing allocated), and its range runner.</summary>
internal static unsafe class RangeJob<TPass> where TPass : struct, IRangePass
{
    // The pass holds only pointers into spans its caller keeps pinned until every range is done.
    private static TPass s_pass;
    private static long s_count;
    private static int s_chunks;
    private static int s_alignment;
    private static RowHalves? s_plan;

    internal static void Run(TPass pass, long count, int chunks, int alignment)
    {
        s_plan = null;
        s_pass = pass;
        s_count = count;
        s_chunks = chunks;
        s_alignment = alignment;
        GemmParallel.Run(&RunChunk, chunks);
    }

    /// <summary>Runs the plan's ranges, in its claiming order.</summary>
    internal static void Run(TPass pass, RowHalves plan)
    {
        s_plan = plan;
        s_pass = pass;
        GemmParallel.Run(&RunChunk, plan.From.Length);
    }

    private static void RunChunk(int index)
    {
        if (s_plan is { } plan) s_pass.Run(plan.From[index], plan.To[index]);
        else s_pass.Run(GemmParallel.AlignedChunkStart(s_count, s_chunks, s_alignment, index), GemmParallel.AlignedChunkStart(s_count, s_chunks, s_alignment, index + 1));
    }
}
