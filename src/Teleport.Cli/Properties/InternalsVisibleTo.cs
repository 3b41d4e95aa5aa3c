using System.Runtime.CompilerServices;

// The CLI tests (e.g. the report tests) drive ReportFolder directly, to fail a write half-way and check that nothing is left behind.
[assembly: InternalsVisibleTo("Teleport.Cli.Tests")]
