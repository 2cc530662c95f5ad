using System.Diagnostics;
using System.Globalization;

namespace CMix.Cli;

/// <summary>
/// Peak resident memory of this process (Linux VmHWM, the figure /usr/bin/time reports as
/// "Maximum resident set size"), and a way to restart the peak between phases.
/// </summary>
internal static class PeakMemory
{
    /// <summary>Peak resident bytes since start or the last successful <see cref="TryReset"/>.</summary>
    public static long Read()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>
    /// Restarts the peak at the current resident size (writes 5 to /proc/self/clear_refs, Linux ≥ 4.0).
    /// Returns false where that is not possible; the peak then stays cumulative.
    /// </summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }
}
