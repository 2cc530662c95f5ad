namespace CMix.Cli;

/// <summary>A failure the user can act on (the message says how); exit code 1.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }
}
