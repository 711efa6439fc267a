using System.Globalization;
using System.Text;

namespace Fennec.Enrichment.Tests.Peer;

/// <summary>One address's answer from libmaxminddb: found or not, the netmask it reports and the record's tokens.</summary>
internal sealed record PeerAnswer(bool Found, int Netmask, IReadOnlyList<string> Tokens);

/// <summary>
/// mmdblookup's record format: a JSON-like tree, one item a line, each scalar followed by its type
/// ("US" &lt;utf8_string&gt;, 52.229698 &lt;float&gt;, 13335 &lt;uint32&gt;). Both sides of a comparison become
/// token lists: "{", "}", "[", "]", "key:NAME", and "VALUE &lt;type&gt;" (value text as the C library prints it).
/// </summary>
internal static class MmdbDump
{
    /// <summary>Tokens of a record's dump lines.</summary>
    public static List<string> Parse(IEnumerable<string> lines)
    {
        var tokens = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (line.StartsWith('"') && line.EndsWith("\":", StringComparison.Ordinal))
                tokens.Add("key:" + line[1..^2]);
            else
                tokens.Add(line);
        }

        return tokens;
    }

    /// <summary>The answers in <see cref="LibMaxMindDb.Dump"/>'s output, in order.</summary>
    public static List<PeerAnswer> ParseLibraryOutput(string text)
    {
        var answers = new List<PeerAnswer>();
        foreach (var block in text.Split("@@ ", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var head = lines[0].Split(' ');
            answers.Add(new PeerAnswer(head[0] == "found", int.Parse(head[1], CultureInfo.InvariantCulture), Parse(lines.Skip(1))));
        }

        return answers;
    }

    /// <summary>The answers in the output of mmdblookup --verbose run once per address, in order.</summary>
    public static List<PeerAnswer> ParseMmdblookupOutput(string text)
    {
        var answers = new List<PeerAnswer>();
        foreach (var block in text.Split("  Database metadata", StringSplitOptions.RemoveEmptyEntries).Where(b => b.Trim().Length > 0))
        {
            var lines = block.Split('\n');
            var prefix = Array.FindIndex(lines, l => l.Contains("Record prefix length:", StringComparison.Ordinal));
            // The prefix length is printed for misses too; "Could not find an entry" goes to stderr.
            var tokens = prefix < 0 ? [] : Parse(lines.Skip(prefix + 1));
            var netmask = prefix < 0 ? 0 : int.Parse(lines[prefix].Split(':')[1], CultureInfo.InvariantCulture);
            answers.Add(new PeerAnswer(tokens.Count > 0, netmask, tokens));
        }

        return answers;
    }

    /// <summary>Tokens of a value from <see cref="Mmdb.MmdbReader.Decode"/>, printed as libmaxminddb prints them.</summary>
    public static List<string> Tokens(object value)
    {
        var tokens = new List<string>();
        Add(value, tokens);
        return tokens;
    }

    private static void Add(object value, List<string> tokens)
    {
        var c = CultureInfo.InvariantCulture;
        switch (value)
        {
            case Dictionary<string, object> map:
                tokens.Add("{");
                foreach (var (key, item) in map)
                {
                    tokens.Add("key:" + key);
                    Add(item, tokens);
                }

                tokens.Add("}");
                break;
            case List<object> list:
                tokens.Add("[");
                foreach (var item in list)
                    Add(item, tokens);
                tokens.Add("]");
                break;
            case string s:
                tokens.Add($"\"{s}\" <utf8_string>");
                break;
            case double d:
                tokens.Add(d.ToString("F6", c) + " <double>");
                break;
            case float f:
                tokens.Add(((double)f).ToString("F6", c) + " <float>");
                break;
            case byte[] b:
                tokens.Add(Convert.ToHexString(b) + " <bytes>");
                break;
            case ushort u:
                tokens.Add(u.ToString(c) + " <uint16>");
                break;
            case uint u:
                tokens.Add(u.ToString(c) + " <uint32>");
                break;
            case int i:
                tokens.Add(i.ToString(c) + " <int32>");
                break;
            case ulong u:
                tokens.Add(u.ToString(c) + " <uint64>");
                break;
            case UInt128 u:
                tokens.Add("0x" + ((ulong)(u >> 64)).ToString("x16", c) + ((ulong)u).ToString("x16", c) + " <uint128>");
                break;
            case bool b:
                tokens.Add(b ? "true <boolean>" : "false <boolean>");
                break;
            default:
                throw new ArgumentException($"unexpected {value.GetType()}");
        }
    }

    /// <summary>A token list as one line, for messages.</summary>
    public static string Show(IEnumerable<string> tokens) => new StringBuilder().AppendJoin(' ', tokens).ToString();
}
