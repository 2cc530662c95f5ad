using CMix.Cli.Docs;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix __docs man|bash</c> (hidden): prints the generated man page or bash completion, the
/// committed docs/cmix.1 and docs/cmix.bash. Regenerate them with this after changing an option.
/// </summary>
internal static class DocsCommand
{
    public static int Run(DocsVerbOptions options, CliConsole console)
    {
        string text = options.Kind switch
        {
            "man" => ManPage.Generate(),
            "bash" => BashCompletion.Generate(),
            _ => throw new UsageException($"__docs: unknown kind '{options.Kind}'; use man or bash"),
        };
        console.Out.Write(text);
        return ExitCodes.Ok;
    }
}
