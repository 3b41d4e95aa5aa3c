using System;
using System.Collections.Generic;
using System.IO;
using Teleport.Data;
using Teleport.Serialization;

namespace Teleport.Cli.Reports;

/// <summary>
/// Publishes a report folder atomically: every file is written into a hidden staging folder beside the
/// destination, which is then renamed into place (replacing an earlier report there). If anything fails,
/// the staging folder and any parent folders created for it are removed and the destination is left as it
/// was — no half-written report. Only a missing folder, an empty one or an earlier report may be replaced.
/// </summary>
internal static class ReportFolder
{
    /// <summary>
    /// Checks, before any work, that <paramref name="folder"/> can take a report: it is not a file and does not lie
    /// under one, and if it is a folder it is empty or holds only a report's files.
    /// </summary>
    /// <param name="folder">The report folder.</param>
    /// <param name="files">The names a report there may hold (default: the run report's, <see cref="ReportFiles.All"/>).</param>
    /// <exception cref="TeleportDataException">It cannot.</exception>
    public static void Check(string folder, IReadOnlyList<string>? files = null)
    {
        files ??= ReportFiles.All;
        var full = FullPath(folder);
        if (File.Exists(full)) throw new TeleportDataException(folder, "is a file, not a folder");
        if (!Directory.Exists(full))
        {
            // The nearest existing ancestor must be a folder, or the report's folder could never be created.
            var ancestor = Path.GetDirectoryName(full);
            while (ancestor is not null && !Directory.Exists(ancestor) && !File.Exists(ancestor)) ancestor = Path.GetDirectoryName(ancestor);
            if (ancestor is not null && File.Exists(ancestor))
                throw new TeleportDataException(folder, $"cannot be created: {ancestor} is a file, not a folder");
            return;
        }
        var foreign = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(full))
        {
            var name = Path.GetFileName(entry);
            if (!Contains(files, name) || Directory.Exists(entry)) foreign.Add(name);
        }
        if (foreign.Count > 0)
        {
            foreign.Sort(StringComparer.Ordinal);
            var shown = string.Join(", ", foreign.GetRange(0, Math.Min(3, foreign.Count))) + (foreign.Count > 3 ? ", …" : "");
            throw new TeleportDataException(folder, $"already holds files that are not a report's ({shown}); choose a new or empty folder");
        }
    }

    /// <summary>Runs <paramref name="write"/> on an empty staging folder, then moves it to <paramref name="folder"/>.</summary>
    /// <exception cref="TeleportDataException">The folder cannot take a report or a file could not be written (the cause is in the message).</exception>
    public static void Publish(string folder, Action<string> write, IReadOnlyList<string>? files = null)
    {
        Check(folder, files);
        var full = FullPath(folder);
        var parent = Path.GetDirectoryName(full) ?? throw new TeleportDataException(folder, "is a file-system root, not a folder a report can be moved into");
        var name = Path.GetFileName(full);
        var created = new List<string>();
        var staging = Path.Combine(parent, AtomicFile.TemporaryName(name));
        try
        {
            CreateParents(parent, created);
            RemoveLeftovers(parent, name);
            Directory.CreateDirectory(staging);
            write(staging);
            MoveIntoPlace(staging, full, parent, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Clean(staging, created);
            throw new TeleportDataException(folder, "cannot write the report: " + e.Message, innerException: e);
        }
        catch
        {
            Clean(staging, created);
            throw;
        }
    }

    private static bool Contains(IReadOnlyList<string> files, string name)
    {
        foreach (var file in files)
            if (string.Equals(file, name, StringComparison.Ordinal)) return true;
        return false;
    }

    private static string FullPath(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new TeleportDataException(folder, "is not a folder name");
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
    }

    /// <summary>Creates the missing ancestors of the destination, remembering them (deepest last) for clean-up.</summary>
    private static void CreateParents(string parent, List<string> created)
    {
        var missing = new Stack<string>();
        for (var dir = parent; dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)) missing.Push(dir);
        while (missing.Count > 0)
        {
            var dir = missing.Pop();
            Directory.CreateDirectory(dir);
            created.Add(dir);
        }
    }

    private static void MoveIntoPlace(string staging, string full, string parent, string name)
    {
        if (!Directory.Exists(full))
        {
            Directory.Move(staging, full);
            return;
        }
        // Replace an earlier report (or an empty folder): set it aside, move the new one in, then delete the old one.
        var old = Path.Combine(parent, AtomicFile.TemporaryName(name));
        Directory.Move(full, old);
        try
        {
            Directory.Move(staging, full);
        }
        catch
        {
            Directory.Move(old, full);
            throw;
        }
        TryDelete(old);
    }

    /// <summary>
    /// Deletes the staging and set-aside folders of earlier reports of this name that a killed process left beside it
    /// (<c>.NAME.&lt;32 hex&gt;.tmp</c>; a bad-input sweep found them after a second Ctrl+C, never removed).
    /// </summary>
    private static void RemoveLeftovers(string parent, string name)
    {
        foreach (var entry in Directory.EnumerateDirectories(parent, "*.tmp"))
        {
            if (AtomicFile.IsTemporaryNameOf(Path.GetFileName(entry), name)) TryDelete(entry);
        }
    }

    private static void Clean(string staging, List<string> created)
    {
        TryDelete(staging);
        for (var i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                if (Directory.Exists(created[i])) Directory.Delete(created[i], recursive: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return; // Not empty or not ours to remove any more: leave it and its ancestors.
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original error is the one to report.
        }
    }
}
