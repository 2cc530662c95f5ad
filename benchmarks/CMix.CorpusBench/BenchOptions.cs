using System.Globalization;
using CMix.Prediction;

namespace CMix.CorpusBench;

/// <summary>What the tool was asked to do.</summary>
internal enum BenchMode
{
    /// <summary>Benchmark CMix and the peers on the selected files and levels (the default).</summary>
    Run,

    /// <summary>Child process: measure one file at one level and print one result line.</summary>
    MeasureOne,

    /// <summary>Compare the committed ratio ledger with fresh sizes; non-zero exit on any difference.</summary>
    CheckLedger,

    /// <summary>Rewrite the ratio ledger with fresh sizes.</summary>
    UpdateLedger,

    /// <summary>Draw the history chart from the history file.</summary>
    Chart,

    /// <summary>Round-trip whole corpus files in process and check they come back identical.</summary>
    RoundTrip,

    /// <summary>Print usage.</summary>
    Help,
}

/// <summary>
/// Command-line options. Parsing is strict: an unknown option or a malformed value is a usage
/// error (exit code 2) with a message naming it.
/// </summary>
internal sealed class BenchOptions
{
    /// <summary>Prefix used when none is given: the first 1,000,000 bytes, as in BASELINES.md.</summary>
    public const long DefaultPrefix = 1_000_000;

    /// <summary>Default output folder for CSV and Markdown, relative to the repository root.</summary>
    public const string DefaultOut = "artifacts/corpus-bench";

    /// <summary>Default ledger, relative to the repository root.</summary>
    public const string DefaultLedger = "tests/data/ledger.csv";

    /// <summary>Default history file, relative to the repository root.</summary>
    public const string DefaultHistory = "benchmarks/history.csv";

    private string? _chartOut;
    private bool _appendHistory;
    private bool _noHistory;

    public BenchMode Mode { get; private set; } = BenchMode.Run;

    /// <summary>The file for <see cref="BenchMode.MeasureOne"/> or the ledger for the ledger modes.</summary>
    public string? ModePath { get; private set; }

    public string Corpus { get; private set; } = RepoPaths.DefaultCorpus;

    public List<string> Files { get; } = [];

    /// <summary>Bytes of each file to use; null = whole files.</summary>
    public long? Prefix { get; private set; } = DefaultPrefix;

    public List<int> Levels { get; } = [];

    public int Repeat { get; private set; } = 1;

    public bool Peers { get; private set; } = true;

    public List<string> PeerNames { get; } = [];

    public string Out { get; private set; } = RepoPaths.Resolve(DefaultOut);

    public bool InProcess { get; private set; }

    public bool Acceptance { get; private set; }

    /// <summary>The history file that <c>--chart</c> draws and a run appends to.</summary>
    public string History { get; private set; } = RepoPaths.Resolve(DefaultHistory);

    /// <summary>The chart file: <c>--chart-out</c>, else <see cref="History"/> with the extension <c>.svg</c>.</summary>
    public string ChartPath => _chartOut ?? Path.ChangeExtension(History, ".svg");

    /// <summary>
    /// The history this run appends to (and whose chart it redraws): <see cref="History"/> when
    /// <c>--append-history</c> was given or the run publishes results (<c>--results</c>), unless
    /// <c>--no-history</c>; otherwise null.
    /// </summary>
    public string? HistoryToAppend => !_noHistory && (_appendHistory || ResultsPath is not null) ? History : null;

    public string? ResultsPath { get; private set; }

    public string? ReadmePath { get; private set; }

    /// <summary>Parallel jobs for the ledger and round-trip modes (sizes do not depend on timing).</summary>
    public int Jobs { get; private set; } = Environment.ProcessorCount;

    /// <summary>Levels to run, defaulting to the default level.</summary>
    public IReadOnlyList<int> EffectiveLevels => Levels.Count > 0 ? Levels : [ModelSettings.DefaultLevel];

    public const string Usage = """
        cmix-corpus-bench — CMix corpus benchmark, ratio ledger, history and results table

        Usage: dotnet run -c Release --project benchmarks/CMix.CorpusBench -- [options]

        Benchmark (default mode):
          --corpus DIR           corpus folder (default $CMIX_CORPUS or ../shared/corpus/dev)
          --files A,B,...        file names in the corpus or paths (default: every corpus file)
          --file-list PATH       read file names or paths from PATH, one a line
          --prefix N             use the first N bytes of each file (default 1000000)
          --whole                use whole files
          --levels 1,6,9         CMix levels (default: the default level)
          --repeat N             repeat every measurement N times; times are medians
          --no-peers             skip gzip/bzip2/xz/zstd
          --peers A;B            only these peers, by report name (e.g. "xz -9e;gzip -9")
          --in-process           measure CMix in this process (no peak memory; faster start)
          --out DIR              where results.csv and results.md go (default artifacts/corpus-bench)
          --acceptance           print PASS/FAIL for the issue-2 and issue-4 bars (levels 1, default, 9)
          --append-history [F]   append this run to the history F (default --history) and redraw its chart
          --results PATH         also write the Markdown results to PATH (e.g. docs/RESULTS.md); implies
                                 --append-history, so the committed history never lags the results
          --no-history           do not append to the history (for --results runs that are not the record)
          --readme PATH          rewrite the block between <!-- results:begin --> and <!-- results:end --> in PATH

        Other modes:
          --check-ledger [PATH]  recompute every size in the ledger (default tests/data/ledger.csv);
                                 exit 1 and print a diff table when any differs
          --update-ledger [PATH] rewrite the ledger with fresh sizes
          --jobs N               parallel jobs for the ledger and round trip (default: CPU count)
          --chart                draw the history's chart (default benchmarks/history.csv -> benchmarks/history.svg)
          --history PATH         history file for --chart and for appending (default benchmarks/history.csv)
          --chart-out PATH       chart file (default: the history file with the extension .svg)
          --roundtrip            round-trip whole corpus files in process at --levels; exit 1 on mismatch
          --measure-one FILE     (internal) child process: measure FILE at --level
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a precise message on bad input.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-h" or "--help":
                    o.Mode = BenchMode.Help;
                    break;
                case "--corpus":
                    o.Corpus = RepoPaths.Resolve(Value(args, ref i));
                    break;
                case "--files":
                    o.Files.AddRange(Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--file-list":
                    o.Files.AddRange(File.ReadAllLines(RepoPaths.Resolve(Value(args, ref i))).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
                    break;
                case "--prefix":
                    o.Prefix = Number(a, Value(args, ref i), 1, long.MaxValue);
                    break;
                case "--whole":
                    o.Prefix = null;
                    break;
                case "--level" or "--levels":
                    foreach (string l in Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        o.Levels.Add((int)Number(a, l, ModelSettings.MinLevel, ModelSettings.MaxLevel));
                    }

                    break;
                case "--repeat":
                    o.Repeat = (int)Number(a, Value(args, ref i), 1, 1000);
                    break;
                case "--no-peers":
                    o.Peers = false;
                    break;
                case "--peers":
                    o.PeerNames.AddRange(Value(args, ref i).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--in-process":
                    o.InProcess = true;
                    break;
                case "--out":
                    o.Out = RepoPaths.Resolve(Value(args, ref i));
                    break;
                case "--acceptance":
                    o.Acceptance = true;
                    break;
                case "--append-history":
                    o._appendHistory = true;
                    o.History = OptionalValue(args, ref i) is string history ? RepoPaths.Resolve(history) : o.History;
                    break;
                case "--no-history":
                    o._noHistory = true;
                    break;
                case "--history":
                    o.History = RepoPaths.Resolve(Value(args, ref i));
                    break;
                case "--chart-out":
                    o._chartOut = RepoPaths.Resolve(Value(args, ref i));
                    break;
                case "--results":
                    o.ResultsPath = RepoPaths.Resolve(Value(args, ref i));
                    break;
                case "--readme":
                    o.ReadmePath = RepoPaths.Resolve(Value(args, ref i));
                    break;
                case "--jobs":
                    o.Jobs = (int)Number(a, Value(args, ref i), 1, 256);
                    break;
                case "--check-ledger":
                    o.Mode = BenchMode.CheckLedger;
                    o.ModePath = RepoPaths.Resolve(OptionalValue(args, ref i) ?? DefaultLedger);
                    break;
                case "--update-ledger":
                    o.Mode = BenchMode.UpdateLedger;
                    o.ModePath = RepoPaths.Resolve(OptionalValue(args, ref i) ?? DefaultLedger);
                    break;
                case "--chart":
                    o.Mode = BenchMode.Chart;
                    break;
                case "--roundtrip":
                    o.Mode = BenchMode.RoundTrip;
                    break;
                case "--measure-one":
                    o.Mode = BenchMode.MeasureOne;
                    o.ModePath = Path.GetFullPath(Value(args, ref i));
                    break;
                default:
                    throw new ArgumentException($"unknown option '{a}' (see --help)");
            }
        }

        if (o._appendHistory && o._noHistory)
        {
            throw new ArgumentException("options '--append-history' and '--no-history' contradict each other");
        }

        if (o.PeerNames.Count > 0)
        {
            var unknown = o.PeerNames.Where(n => PeerCompressor.All.All(p => p.Name != n)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException($"unknown peer(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; known: {string.Join("; ", PeerCompressor.All.Select(p => p.Name))}");
            }
        }

        return o;
    }

    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option '{args[i]}' needs a value");

    private static string? OptionalValue(string[] args, ref int i) =>
        i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;

    private static long Number(string option, string text, long min, long max)
    {
        if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < min || n > max)
        {
            throw new ArgumentException($"option '{option}': '{text}' is not a whole number in {min}..{max}");
        }

        return n;
    }
}
