namespace CMix.Cli;

/// <summary>
/// Rewrites gzip/xz-style arguments into the explicit verb form CommandLineParser understands:
/// the verb is always first (<c>compress</c> unless <c>-d</c>/<c>-t</c> or a verb name says
/// otherwise), grouped short flags are split (<c>-9kf</c> → <c>--level 9 -k -f</c>), <c>-T4</c>
/// becomes <c>-T 4</c>, and <c>help VERB</c> becomes <c>VERB --help</c>. Values of options that take
/// one are passed through untouched. Returns null with a message on a contradiction.
/// </summary>
internal static class ArgumentNormalizer
{
    /// <summary>Verb names, in the order the help lists them.</summary>
    public static readonly string[] Verbs = ["compress", "decompress", "test", "info", "bench", "sfx"];

    private static readonly HashSet<string> s_longWithValue = ["--output", "--threads", "--level", "--block", "--stub", "--hutter"];

    /// <summary>Short options that take a value (the rest of the token or the next token).</summary>
    private const string ShortWithValue = "oTl";

    /// <summary>Normalises <paramref name="args"/>; null and <paramref name="error"/> set on a usage error.</summary>
    public static string[]? Normalize(string[] args, out string? error)
    {
        error = null;
        string? verb = null;
        int start = 0;
        if (args.Length > 0)
        {
            if (Array.IndexOf(Verbs, args[0]) >= 0)
            {
                verb = args[0];
                start = 1;
            }
            else if (args[0] == "help")
            {
                return args.Length > 1 ? [args[1], "--help"] : ["--help"];
            }
            else if (args[0] is "--help" or "-h" or "--version" or "-V")
            {
                return [args[0] is "-h" ? "--help" : args[0] is "-V" ? "--version" : args[0]];
            }
        }

        string? implied = null;
        var rest = new List<string>(args.Length + 2);
        bool dashDash = false;
        for (int i = start; i < args.Length; i++)
        {
            string a = args[i];
            if (dashDash || a == "-" || !a.StartsWith('-'))
            {
                rest.Add(a);
                continue;
            }

            if (a == "--")
            {
                dashDash = true;
                rest.Add(a);
                continue;
            }

            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                switch (a)
                {
                    case "--decompress" or "--uncompress":
                        implied = Imply(implied, "decompress", ref error);
                        continue;
                    case "--test":
                        implied = Imply(implied, "test", ref error);
                        continue;
                    case "--compress":
                        implied = Imply(implied, "compress", ref error);
                        continue;
                }

                rest.Add(a);
                if (s_longWithValue.Contains(a) && i + 1 < args.Length)
                {
                    rest.Add(args[++i]);
                }

                continue;
            }

            // A group of short flags: -9kf, -dc, -T4, -o out.
            for (int j = 1; j < a.Length; j++)
            {
                char c = a[j];
                if (c is >= '0' and <= '9')
                {
                    rest.Add("--level");
                    rest.Add(c.ToString());
                }
                else if (c == 'd')
                {
                    implied = Imply(implied, "decompress", ref error);
                }
                else if (c == 't')
                {
                    implied = Imply(implied, "test", ref error);
                }
                else if (c == 'z')
                {
                    implied = Imply(implied, "compress", ref error);
                }
                else if (c == 'h')
                {
                    rest.Add("--help");
                }
                else if (ShortWithValue.Contains(c))
                {
                    rest.Add("-" + c);
                    if (j + 1 < a.Length)
                    {
                        rest.Add(a[(j + 1)..]);
                    }
                    else if (i + 1 < args.Length)
                    {
                        rest.Add(args[++i]);
                    }

                    break;
                }
                else
                {
                    rest.Add("-" + c);
                }
            }
        }

        if (error is not null)
        {
            return null;
        }

        if (verb is not null && implied is not null && implied != verb)
        {
            error = $"option for '{implied}' conflicts with the verb '{verb}'";
            return null;
        }

        rest.Insert(0, verb ?? implied ?? "compress");
        return [.. rest];
    }

    private static string? Imply(string? current, string verb, ref string? error)
    {
        if (current is not null && current != verb)
        {
            error = $"options for '{current}' and '{verb}' cannot be combined";
        }

        return verb;
    }
}
