namespace CMix.Cli;

/// <summary>Process entry point; all behaviour lives in <see cref="CliApp"/>.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var console = CliConsole.FromSystem();
        int code = CliApp.Run(args, console);
        console.Output.Flush();
        console.Out.Flush();
        return code;
    }
}
