using System.Text;

namespace CMix.Sfx.IO;

/// <summary>
/// The stub's message writer: every string written goes out at once as UTF-8 (no BOM, no
/// buffering, so a message is on stderr before the process can fail on the next step). Stands
/// in for a <c>StreamWriter</c> with AutoFlush, whose encoder and buffer machinery cost the
/// NativeAOT stub about 8 KB.
/// </summary>
internal sealed class Utf8LineWriter(Stream stream) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            stream.Write(Encoding.UTF8.GetBytes(value));
        }
    }

    public override void WriteLine(string? value) => Write(value + "\n");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stream.Dispose();
        }

        base.Dispose(disposing);
    }
}
