namespace CMix.Sfx;

/// <summary>Entry point of the self-extracting stub.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        using var stdout = Console.OpenStandardOutput();
        return SfxApp.Run(Environment.ProcessPath, args, stdout, Console.Error);
    }
}
