using System;

namespace Teleport.Kernels;

/// <summary>
/// Which memory the GEMM worker wrote since the last split update: the rows of a weight gradient it
/// computed in a row-split product (<see cref="GemmParallel.SplitsRows"/>). A split optimizer update
/// (<see cref="GemmParallel.RunElementsByWriter"/>, in the chunks of <see cref="Plan"/>) gives those
/// elements to the worker and the rest to the caller, so each core updates the gradient rows already in
/// its own cache.
/// </summary>
/// <remarks>
/// <para>Why: on a VM in a phase where a core read what the other had just written at a third of the
/// speed of its own data, the update of the wide network (784-512-512-10) measured 0.15–0.18 ms after a
/// two-thread backward against 0.04 ms with each core's own rows: with the rows mixed, half of the gradient
/// it read sat in the other core's cache. Only which thread runs which elements depends on this record,
/// never an element's value.</para>
/// <para>Only the worker writes the record, inside a chunk of a job its caller acquired; only a caller
/// that has acquired the worker reads and clears it, after its own job — so the two never overlap. A
/// ring of <see cref="Capacity"/> address ranges, adjacent ranges merged: the backward of a network
/// leaves one range per weight.</para>
/// </remarks>
internal static unsafe class WorkerWrites
{
    /// <summary>Ranges kept; the oldest is overwritten when a new one does not fit.</summary>
    internal const int Capacity = 32;

    private static readonly nint[] s_starts = new nint[Capacity];
    private static readonly nint[] s_ends = new nint[Capacity];
    private static int s_next;
    private static int s_count;

    /// <summary>Records that the worker wrote bytes [<paramref name="start"/>, <paramref name="start"/> + <paramref name="bytes"/>).</summary>
    internal static void Note(void* start, nint bytes)
    {
        nint from = (nint)start, to = from + bytes;
        if (s_count > 0)
        {
            int last = (s_next + Capacity - 1) % Capacity;
            // The worker claims from the back, so its next rows usually end where the last ones began.
            if (s_starts[last] == to) { s_starts[last] = from; return; }
            if (s_ends[last] == from) { s_ends[last] = to; return; }
        }
        s_starts[s_next] = from;
        s_ends[s_next] = to;
        s_next = (s_next + 1) % Capacity;
        s_count = Math.Min(s_count + 1, Capacity);
    }

    /// <summary>Forgets every range.</summary>
    internal static void Clear()
    {
        s_count = 0;
        s_next = 0;
    }

    /// <summary>Blocks an update is cut into by <see cref="Plan"/>, and blocks per chunk at most.</summary>
    internal const int Blocks = 64, BlocksPerChunk = 4;

    /// <summary>
    /// Cuts an update of [0, <paramref name="count"/>) elements of <paramref name="elementSize"/> bytes, reading a
    /// gradient at <paramref name="gradient"/>, into chunks [from[i], to[i]) in claiming order: up to
    /// <see cref="Blocks"/> blocks of a multiple of <see cref="GemmParallel.ElementChunkAlignment"/> elements,
    /// a block going to the worker when a recorded range covers its middle; runs of one owner's blocks, at most
    /// <see cref="BlocksPerChunk"/> blocks each, the caller's first (<paramref name="callerChunks"/> of them), then
    /// the worker's. Returns the chunk count, or 0 when one thread wrote every block (then any split will do).
    /// </summary>
    internal static int Plan(void* gradient, long count, int elementSize, Span<long> from, Span<long> to, out int callerChunks)
    {
        callerChunks = 0;
        long block = (count + Blocks - 1) / Blocks;
        block = (block + GemmParallel.ElementChunkAlignment - 1) / GemmParallel.ElementChunkAlignment * GemmParallel.ElementChunkAlignment;
        int blocks = (int)((count + block - 1) / block);
        Span<bool> byWorker = stackalloc bool[blocks];
        int marked = 0;
        nint begin = (nint)gradient;
        for (int r = 0; r < s_count; r++)
        {
            long first = Math.Max(0, ((long)s_starts[r] - begin) / elementSize);
            long last = Math.Min(count, ((long)s_ends[r] - begin) / elementSize);
            // The blocks whose middle lies in [first, last) (the last block may be short).
            for (long b = first / block; b < blocks && b * block < last; b++)
            {
                long middle = (b * block + Math.Min(count, (b + 1) * block)) / 2;
                if (middle < first || middle >= last || byWorker[(int)b]) continue;
                byWorker[(int)b] = true;
                marked++;
            }
        }
        if (marked == 0 || marked == blocks) return 0;
        int chunks = 0;
        foreach (bool worker in (ReadOnlySpan<bool>)[false, true])
        {
            for (int b = 0; b < blocks;)
            {
                if (byWorker[b] != worker) { b++; continue; }
                int end = b + 1;
                while (end < blocks && end - b < BlocksPerChunk && byWorker[end] == worker) end++;
                from[chunks] = b * block;
                to[chunks] = Math.Min(count, end * block);
                chunks++;
                b = end;
            }
            if (!worker) callerChunks = chunks;
        }
        return chunks;
    }
}
