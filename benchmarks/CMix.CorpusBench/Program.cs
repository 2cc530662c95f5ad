using CMix.Coding;
using CMix.CorpusBench;

// Exit codes: 0 success (or a documented SKIP), 1 failure (ledger mismatch, round-trip mismatch,
// tool error), 2 usage error.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"cmix-corpus-bench: {e.Message}");
    return 2;
}

try
{
    switch (options.Mode)
    {
        case BenchMode.Help:
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        case BenchMode.MeasureOne:
            return CmixRunner.RunChild(CorpusFile.Open(options.ModePath!, options.Prefix), options.EffectiveLevels[0]);
        case BenchMode.CheckLedger:
            return Ledger.Check(options.ModePath!, options.Corpus, options.Jobs);
        case BenchMode.UpdateLedger:
            return Ledger.Update(options.ModePath!, options.Corpus, options.Jobs);
        case BenchMode.Chart:
            return HistoryChart.Write(options.History, options.ChartPath);
        case BenchMode.RoundTrip:
            return RoundTrip.Run(options);
    }

    var report = BenchmarkRun.Execute(options, RunInfo.Capture(args));
    if (report is null)
    {
        return 0;
    }

    if (options.ResultsPath is not null)
    {
        ResultsDocument.WriteFile(options.ResultsPath, report);
    }

    if (options.ReadmePath is not null && !ResultsDocument.ReplaceBlock(options.ReadmePath, report))
    {
        return 1;
    }

    if (options.HistoryToAppend is string history && (!History.Append(history, report) || HistoryChart.Write(history, options.ChartPath) != 0))
    {
        return 1;
    }

    return report.Rows.All(r => r.RoundTrip) ? 0 : 1;
}
catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or CmixFormatException or NotSupportedException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"cmix-corpus-bench: {e.Message}");
    return 1;
}
