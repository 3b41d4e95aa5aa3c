using System;

namespace Teleport.Cli;

/// <summary>A combination of options that cannot run (exit code 2), found after parsing; the message is one line.</summary>
internal sealed class UsageException(string message) : Exception(message);
