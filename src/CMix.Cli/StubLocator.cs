namespace CMix.Cli;

/// <summary>
/// Finds the SFX stub (<c>cmix-sfx</c>, published from src/CMix.Sfx). Search order: an explicit
/// <c>--stub PATH</c>, then the <see cref="EnvironmentVariable"/>, then <c>cmix-sfx</c> in the
/// directory of the cmix executable.
/// </summary>
internal static class StubLocator
{
    /// <summary>Environment variable naming the stub.</summary>
    public const string EnvironmentVariable = "CMIX_SFX_STUB";

    /// <summary>File name of the stub next to cmix.</summary>
    public static string StubFileName => OperatingSystem.IsWindows() ? "cmix-sfx.exe" : "cmix-sfx";

    /// <summary>The stub path, or null with <paramref name="searched"/> listing where it looked.</summary>
    public static string? Find(string? explicitPath, out string searched)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            searched = explicitPath;
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        var places = new List<string>(2);
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            places.Add(fromEnvironment);
        }

        places.Add(Path.Combine(AppContext.BaseDirectory, StubFileName));
        searched = string.Join(", ", places);
        return places.FirstOrDefault(File.Exists);
    }

    /// <summary>The stub path or a <see cref="CliException"/> that says how to provide one.</summary>
    public static string Require(string? explicitPath)
    {
        return Find(explicitPath, out string searched) ?? throw new CliException(
            $"SFX stub not found (looked at {searched}); the native publish of cmix puts one beside it " +
            "('dotnet publish src/CMix.Cli/CMix.Cli.csproj -c Release -r linux-x64 -p:PublishAot=true -o DIR', or 'dotnet pwsh build.ps1 publish'); " +
            "or publish the stub alone with 'dotnet publish src/CMix.Sfx/CMix.Sfx.csproj -c Release -r linux-x64 -p:PublishAot=true' " +
            $"and pass --stub PATH, set {EnvironmentVariable}, or put {StubFileName} next to cmix");
    }
}
