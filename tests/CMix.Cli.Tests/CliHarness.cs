using System.Text;

namespace CMix.Cli.Tests;

/// <summary>Runs the CLI in-process in a private temporary directory with injected standard streams.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cmix-cli-tests-" + Path.GetRandomFileName());
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The scratch directory; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>Absolute path of <paramref name="name"/> in the scratch directory.</summary>
    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Writes a file into the scratch directory and returns its path.</summary>
    public string Write(string name, byte[] content)
    {
        string path = PathOf(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Names of all files in the scratch directory (hidden temporaries included), sorted.</summary>
    public string[] Files() => System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>Runs cmix with <paramref name="args"/>.</summary>
    public Result Run(string[] args, byte[]? stdin = null, bool outputIsTerminal = false, bool inputIsTerminal = false)
    {
        var output = new MemoryStream();
        var outText = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole
        {
            Input = new MemoryStream(stdin ?? []),
            Output = output,
            Out = outText,
            Error = error,
            InputIsTerminal = inputIsTerminal,
            OutputIsTerminal = outputIsTerminal,
            ErrorIsTerminal = false,
        };
        int code = CliApp.Run(args, console);
        return new Result(code, output.ToArray(), outText.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Exit code, binary stdout, text stdout and stderr of one run.</summary>
    public sealed record Result(int Code, byte[] Stdout, string Text, string Error)
    {
        public override string ToString() => $"exit {Code}\nstdout: {Text}{Encoding.UTF8.GetString(Stdout.Take(200).ToArray())}\nstderr: {Error}";
    }
}
