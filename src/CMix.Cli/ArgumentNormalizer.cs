namespace CMix.Cli;

/// <summary>
/// Rewrites gzip/xz-style arguments into the explicit form CommandLineParser understands:
/// <c>VERB --long [value] ... -- POSITIONAL...</c>. The verb is <c>compress</c> unless a verb name
/// or <c>-d</c>/<c>-t</c>/<c>-l</c> says otherwise; grouped short flags are split (<c>-9kf</c>);
/// <c>-1</c>..<c>-9</c>, <c>--fast</c> and <c>--best</c> become <c>--level N</c>; <c>help VERB</c>
/// and <c>version</c> become <c>VERB --help</c> and <c>--version</c>. As in xz:
/// <list type="bullet">
/// <item>an option that some verb has but this one does not is ignored (<c>cmix -d -9</c>, so
/// <c>tar -I 'cmix -9'</c> works both ways); one no verb has stays, for the parser to refuse;</item>
/// <item>the last of a repeated option wins (<c>-1 -9</c> is level 9); counters add up (<c>-vv</c>);</item>
/// <item>an option whose value is missing is a usage error.</item>
/// </list>
/// The option table is <see cref="CommandLine.Verbs"/>. Returns null with a message on a usage error.
/// </summary>
internal static class ArgumentNormalizer
{
    /// <summary>Verb names users may type, in the order the help lists them.</summary>
    public static readonly string[] Verbs = ["compress", "decompress", "test", "list", "info", "bench", "sfx", "analyze", "ncd"];

    /// <summary>Normalises <paramref name="args"/>; null and <paramref name="error"/> set on a usage error.</summary>
    public static string[]? Normalize(string[] args, out string? error)
    {
        error = null;
        string? verb = null;
        int start = 0;
        if (args.Length > 0)
        {
            if (Array.IndexOf(Verbs, args[0]) >= 0 || args[0] == "__docs")
            {
                verb = args[0];
                start = 1;
            }
            else if (args[0] == "help")
            {
                return args.Length > 1 ? [args[1], "--help"] : ["--help"];
            }
            else if (args[0] is "version" or "--version" or "-V")
            {
                return ["--version"];
            }
        }

        var all = CommandLine.Verbs;
        string? implied = null;
        bool help = false;
        var options = new List<(OptionSpec? Spec, string Token, string? Value)>();
        var positionals = new List<string>();
        bool dashDash = false;

        // The named verb's own option first: two verbs may give one name different shapes
        // (a flag in one, an option with a value in another).
        VerbSpec? named = verb is null ? null : all.FirstOrDefault(v => v.Name == verb);
        OptionSpec? ByLong(string name) => named?.Find(name) ?? all.Select(v => v.Find(name)).FirstOrDefault(o => o is not null);
        OptionSpec? ByShort(char c) => named?.Options.FirstOrDefault(o => o.Short == c) ?? all.SelectMany(v => v.Options).FirstOrDefault(o => o.Short == c);

        for (int i = start; i < args.Length && error is null; i++)
        {
            string a = args[i];
            if (dashDash || a == "-" || !a.StartsWith('-'))
            {
                positionals.Add(a);
                continue;
            }

            if (a == "--")
            {
                dashDash = true;
                continue;
            }

            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                int eq = a.IndexOf('=');
                string name = eq < 0 ? a[2..] : a[2..eq];
                switch (name)
                {
                    case "decompress" or "uncompress":
                        implied = Imply(implied, "decompress", ref error);
                        continue;
                    case "test":
                        implied = Imply(implied, "test", ref error);
                        continue;
                    case "compress":
                        implied = Imply(implied, "compress", ref error);
                        continue;
                    case "list":
                        implied = Imply(implied, "list", ref error);
                        continue;
                    case "help":
                        help = true;
                        continue;
                    case "fast" or "best":
                        options.Add((ByLong("level"), "--level", name == "fast" ? "1" : "9"));
                        continue;
                }

                var spec = ByLong(name);
                if (spec is { TakesValue: true })
                {
                    string? value = eq >= 0 ? a[(eq + 1)..] : i + 1 < args.Length ? args[++i] : null;
                    if (value is null)
                    {
                        error = $"option '--{name}' needs a value";
                        break;
                    }

                    options.Add((spec, "--" + name, value));
                }
                else
                {
                    options.Add((spec, a, null));
                }

                continue;
            }

            // A group of short flags: -9kf, -dc, -T4, -o out, -vv.
            for (int j = 1; j < a.Length; j++)
            {
                char c = a[j];
                switch (c)
                {
                    case >= '0' and <= '9':
                        options.Add((ByLong("level"), "--level", c.ToString()));
                        continue;
                    case 'd':
                        implied = Imply(implied, "decompress", ref error);
                        continue;
                    case 't':
                        implied = Imply(implied, "test", ref error);
                        continue;
                    case 'z':
                        implied = Imply(implied, "compress", ref error);
                        continue;
                    case 'l':
                        implied = Imply(implied, "list", ref error);
                        continue;
                    case 'h':
                        help = true;
                        continue;
                    case 'V':
                        return ["--version"];
                }

                var spec = ByShort(c);
                if (spec is { TakesValue: true })
                {
                    string? value = j + 1 < a.Length ? a[(j + 1)..] : i + 1 < args.Length ? args[++i] : null;
                    if (value is null)
                    {
                        error = $"option '-{c}' needs a value";
                    }
                    else
                    {
                        options.Add((spec, "--" + spec.Long, value));
                    }

                    break;
                }

                options.Add((spec, spec is null ? "-" + c : "--" + spec.Long, null));
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

        verb ??= implied ?? "compress";
        if (help)
        {
            return [verb, "--help"];
        }

        VerbSpec target = all.First(v => v.Name == verb);
        var result = new List<string> { verb };
        for (int k = 0; k < options.Count; k++)
        {
            var (spec, token, value) = options[k];
            if (spec is not null && target.Find(spec.Long) is null)
            {
                continue;  // another verb's option: ignored, as xz ignores -9 with -d
            }

            // The last of a repeated option wins; counters keep every occurrence.
            if (spec is not null && !spec.IsCounter && options.Skip(k + 1).Any(o => o.Spec == spec))
            {
                continue;
            }

            result.Add(token);
            if (value is not null)
            {
                result.Add(value);
            }
        }

        if (positionals.Count > 0)
        {
            result.Add("--");
            result.AddRange(positionals);
        }

        return [.. result];
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
