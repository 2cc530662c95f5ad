using System.Text;
using System.Text.Json;

namespace CMix.Cli;

/// <summary>
/// The <c>--json</c> output of list, info and bench: one JSON document written to a text writer
/// at <see cref="End"/>. A thin layer over <see cref="Utf8JsonWriter"/> (no reflection, so
/// NativeAOT keeps it small); field names are snake_case and sizes are in bytes.
/// </summary>
internal sealed class JsonText(TextWriter output)
{
    private readonly MemoryStream _buffer = new();
    private Utf8JsonWriter? _writer;

    private Utf8JsonWriter W => _writer ?? throw new InvalidOperationException("Begin first");

    /// <summary>Starts the document's top-level object.</summary>
    public void Begin()
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true });
        _writer.WriteStartObject();
    }

    public void Field(string name, string? value)
    {
        if (value is null)
        {
            W.WriteNull(name);
        }
        else
        {
            W.WriteString(name, value);
        }
    }

    public void Field(string name, long value) => W.WriteNumber(name, value);

    public void Field(string name, int value) => W.WriteNumber(name, value);

    public void Field(string name, int? value) => Field(name, (long?)value);

    public void Field(string name, long? value)
    {
        if (value is long v)
        {
            W.WriteNumber(name, v);
        }
        else
        {
            W.WriteNull(name);
        }
    }

    /// <summary>A fraction or a duration, rounded to 6 decimals (named apart from the integer overloads).</summary>
    public void Number(string name, double value) => W.WriteNumber(name, Math.Round(value, 6));

    public void Field(string name, bool value) => W.WriteBoolean(name, value);

    public void BeginArray(string name) => W.WriteStartArray(name);

    /// <summary>An unnamed array, inside an array (a matrix row).</summary>
    public void BeginArray() => W.WriteStartArray();

    /// <summary>An array element: a number rounded to 6 decimals.</summary>
    public void Value(double value) => W.WriteNumberValue(Math.Round(value, 6));

    /// <summary>An array element: a string.</summary>
    public void Value(string value) => W.WriteStringValue(value);

    public void EndArray() => W.WriteEndArray();

    public void BeginObject() => W.WriteStartObject();

    public void BeginObject(string name) => W.WriteStartObject(name);

    public void EndObject() => W.WriteEndObject();

    /// <summary>Closes the document and writes it, with a final newline.</summary>
    public void End()
    {
        W.WriteEndObject();
        W.Flush();
        output.WriteLine(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
    }
}
