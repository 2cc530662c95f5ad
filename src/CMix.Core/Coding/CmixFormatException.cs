namespace CMix.Coding;

/// <summary>The input is not a valid CMix archive: foreign, truncated, corrupt or from an unknown version.</summary>
public sealed class CmixFormatException : Exception
{
    public CmixFormatException(string message)
        : base(message)
    {
    }
}
