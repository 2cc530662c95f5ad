namespace CMix.Models;

/// <summary>
/// Tracks where the coder is inside XML and MediaWiki markup, byte by byte, and summarises it as
/// a small state for context hashing: inside a tag or not (and which tag name), inside an
/// attribute value, the nesting of <c>[[links]]</c> and <c>{{templates}}</c>, a <c>|</c>-cell
/// or heading line, and the first byte of the current line (list, table and heading starts).
/// </summary>
/// <remarks>Call <see cref="Update"/> once per coded byte, after the <see cref="TextState"/> has it; read <see cref="State"/> at a byte boundary.</remarks>
public sealed class StructureModel
{
    private bool _inTag;
    private bool _inQuote;
    private uint _tagName;      // hash of the current (or last) tag name
    private bool _naming;       // still reading the tag name
    private int _links;         // [[ depth, capped
    private int _templates;     // {{ depth, capped
    private readonly TextState _text;  // gives the first byte of the current line
    private int _prev;

    /// <param name="text">the shared text state (read for the line's first byte)</param>
    public StructureModel(TextState text)
    {
        _text = text;
    }

    /// <summary>A copy of this model that reads <paramref name="text"/> (a copy of its text state; <c>Predictor.Clone</c>).</summary>
    internal StructureModel CloneFor(TextState text) => new(text)
    {
        _inTag = _inTag, _inQuote = _inQuote, _tagName = _tagName, _naming = _naming,
        _links = _links, _templates = _templates, _prev = _prev,
    };

    /// <summary>A 32-bit summary of the markup state.</summary>
    public uint State =>
        (_tagName * 0x2F0B3u) ^ (uint)((_inTag ? 1 : 0) | (_inQuote ? 2 : 0) | (Math.Min(_links, 3) << 2) |
        (Math.Min(_templates, 3) << 4) | (_text.LineFirst << 8));

    /// <summary>Advances the state past byte <paramref name="c"/>.</summary>
    public void Update(int c)
    {
        switch (c)
        {
            case '<':
                _inTag = true;
                _naming = true;
                _tagName = 0;
                break;
            case '>':
                _inTag = false;
                _inQuote = false;
                _naming = false;
                break;
            case '"' when _inTag:
                _inQuote = !_inQuote;
                break;
            case '[' when _prev == '[':
                _links++;
                break;
            case ']' when _prev == ']' && _links > 0:
                _links--;
                break;
            case '{' when _prev == '{':
                _templates++;
                break;
            case '}' when _prev == '}' && _templates > 0:
                _templates--;
                break;
            case '\n':
                break;  // the line's first byte is the text state's; a newline never names a tag
            default:
                if (_naming)
                {
                    if (c == ' ' || c == '/' && _tagName != 0)
                    {
                        _naming = false;
                    }
                    else
                    {
                        _tagName = (_tagName + (uint)c + 1) * 0x01000193u;
                    }
                }

                break;
        }

        _prev = c;
    }
}
