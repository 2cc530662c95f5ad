namespace CMix.Cli.IO;

/// <summary>
/// The reader of a pipe went away (EPIPE): as with xz and zstd, the work stops at once and the
/// process exits non-zero. Its own type so callers can stay quiet about it, as a shell expects.
/// </summary>
internal sealed class BrokenPipeException(int fd)
    : IOException(fd == 1 ? "standard output was closed (broken pipe)" : $"descriptor {fd} was closed (broken pipe)");
