namespace CMix.Analysis;

/// <summary>
/// The classes <see cref="CostProfile"/> reports costs by, decided by the byte alone (not by its
/// neighbours, so a byte of a broken UTF-8 sequence still counts as lead or continuation).
/// </summary>
public enum ByteKind
{
    /// <summary>ASCII letters a–z, A–Z.</summary>
    Letter,

    /// <summary>ASCII digits 0–9.</summary>
    Digit,

    /// <summary>Space, tab, line feed, carriage return.</summary>
    Space,

    /// <summary>Other printable ASCII that is not <see cref="Markup"/>.</summary>
    Punctuation,

    /// <summary>The bytes XML, HTML and wiki markup is made of: <c>&lt; &gt; &amp; ; = / " [ ] { } |</c>.</summary>
    Markup,

    /// <summary>A UTF-8 lead byte, 0xC2–0xF4.</summary>
    Utf8Lead,

    /// <summary>A UTF-8 continuation byte, 0x80–0xBF.</summary>
    Utf8Continuation,

    /// <summary>Control bytes (0x00–0x1F but tab, LF, CR; 0x7F) and bytes no UTF-8 text holds (0xC0, 0xC1, 0xF5–0xFF).</summary>
    Binary,
}
