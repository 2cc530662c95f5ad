namespace CMix.Cli;

/// <summary>Placeholder entry point; the full command line lands with the CLI work.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("cmix: command line not built yet");
        return 2;
    }
}
