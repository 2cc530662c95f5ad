namespace CMix.Models;

/// <summary>
/// One line of a level's table of parts: a part's kind and parameters, what it costs before it
/// is built (mixer inputs, memory) and how to build it. Each part's file declares its own spec.
/// </summary>
/// <remarks>
/// Specs are data: two equal specs build parts that predict identically, so changing a spec of an
/// existing level changes the archive format (and the model version).
/// </remarks>
public abstract record PartSpec
{
    /// <summary>Mixer inputs per bit of the part this spec builds.</summary>
    public abstract int Inputs { get; }

    /// <summary>Memory of the part in bytes (its tables; small fixed costs may be left out).</summary>
    public abstract long Bytes { get; }

    /// <summary>Builds the part on the shared <paramref name="state"/>.</summary>
    public abstract ModelPart Build(CodingState state);
}
