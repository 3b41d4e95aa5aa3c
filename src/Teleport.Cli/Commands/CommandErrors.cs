using System;
using System.IO;
using Teleport.Data;

namespace Teleport.Cli.Commands;

/// <summary>Turns the errors a user can cause into one line on standard error and an exit code — never a stack trace.</summary>
internal static class CommandErrors
{
    public static int Guard(CliHost host, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException e)
        {
            return Fail(host, e.Message, ExitCodes.UsageError);
        }
        catch (TeleportDataException e)
        {
            return Fail(host, e.Message, ExitCodes.DataError);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail(host, e.Message, ExitCodes.DataError);
        }
        catch (ArgumentException e)
        {
            // Settings that the options' own checks cannot see (e.g. an optimizer combination PyTorch rejects), without
            // the " (Parameter 'trainingSet')" .NET appends: the name of a library argument, not of anything the user typed.
            var message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
            return Fail(host, message, ExitCodes.UsageError);
        }
    }

    private static int Fail(CliHost host, string message, int code)
    {
        host.Error.WriteLine("teleport: " + Output.TerminalText.OneLine(message));
        return code;
    }
}
