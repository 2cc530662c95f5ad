namespace CMix.Cli;

/// <summary>
/// One option as the verb option classes in CommandLine.cs define it, read from their attributes:
/// the single source for argument normalisation, the man page and the bash completion.
/// </summary>
/// <param name="Short">Short name (<c>-o</c>), or null.</param>
/// <param name="Long">Long name without dashes (<c>output</c>).</param>
/// <param name="TakesValue">Whether a value follows (the property is not a flag).</param>
/// <param name="IsCounter">A flag that counts its repetitions (<c>-vv</c>).</param>
/// <param name="MetaValue">Name of the value in help (<c>FILE</c>), or null.</param>
/// <param name="Help">Help text.</param>
internal sealed record OptionSpec(char? Short, string Long, bool TakesValue, bool IsCounter, string? MetaValue, string Help);

/// <summary>A verb, its help, its options and its positional arguments.</summary>
internal sealed record VerbSpec(string Name, string Help, bool Hidden, IReadOnlyList<OptionSpec> Options, string? ValueName, string? ValueHelp)
{
    /// <summary>The option with long name <paramref name="name"/>, or null.</summary>
    public OptionSpec? Find(string name) => Options.FirstOrDefault(o => o.Long == name);
}
