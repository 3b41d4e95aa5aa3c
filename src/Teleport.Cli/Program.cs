namespace Teleport.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        System.Console.Error.WriteLine("teleport: no commands yet");
        return 1;
    }
}
