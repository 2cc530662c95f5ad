namespace CMix.Cli;

/// <summary>Process exit codes that scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Ok = 0;

    /// <summary>An input, output or archive problem; no partial output file is left behind.</summary>
    public const int Error = 1;

    /// <summary>The command line was wrong; nothing was read or written.</summary>
    public const int Usage = 2;
}
