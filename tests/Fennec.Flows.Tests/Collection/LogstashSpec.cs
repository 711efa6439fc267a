using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fennec.Flows.Tests.Collection;

/// <summary>
/// One context of logstash-codec-netflow's spec: the datagram files it feeds in order, the number of events it
/// expects, and which event index must equal which expected JSON event.
/// </summary>
internal sealed record LogstashContext(string Name, IReadOnlyList<string> Files, int? ExpectedCount,
    IReadOnlyList<(int Index, JsonElement Event)> Expected)
{
    public override string ToString() => Name;
}

/// <summary>Reads netflow_spec.rb (data only: file lists, heredoc JSON events and the assertions that pair them).</summary>
internal static partial class LogstashSpec
{
    public static string Folder => Path.Combine(Fennec.TestSupport.SharedData.RequireCorpus(), "logstash-netflow-codec");

    public static IReadOnlyList<LogstashContext> Load()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "netflow_spec.rb"));
        var starts = ContextStart().Matches(text);
        var contexts = new List<LogstashContext>();
        for (var i = 0; i < starts.Count; i++)
        {
            // A context ends where the next context or describe block begins.
            var next = Boundary().Match(text, starts[i].Index + starts[i].Length);
            var body = text[starts[i].Index..(next.Success ? next.Index : text.Length)];
            var precision = Precision().Matches(body).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            var files = DataFile().Matches(body).Select(m => m.Groups[1].Value).ToList();
            var events = Heredoc().Matches(body).Select(m => ParseEvent(m.Groups[1].Value, precision)).ToList();
            var pairs = Pairing().Matches(body)
                .Select(m => (int.Parse(m.Groups[1].Value), events[int.Parse(m.Groups[2].Value)]))
                .ToList();
            var size = Size().Match(body);
            // Two contexts share a name; number the repeats so each is its own test case.
            var name = starts[i].Groups[1].Value.Trim();
            var repeats = contexts.Count(c => c.Name == name || c.Name.StartsWith(name + " #", StringComparison.Ordinal));
            contexts.Add(new LogstashContext(repeats == 0 ? name : $"{name} #{repeats + 1}", files,
                size.Success ? int.Parse(size.Groups[1].Value) : null, pairs));
        }

        return contexts;
    }

    private static JsonElement ParseEvent(string heredoc, Dictionary<string, string> precision)
    {
        // Timestamps end in "#{micros}" or "#{nanos}": the extra digits Logstash 8 shows, defined per context.
        var json = heredoc;
        foreach (var (name, digits) in precision)
            json = json.Replace("#{" + name + "}", digits, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [GeneratedRegex("""context "([^"]+)" do""")]
    private static partial Regex ContextStart();

    [GeneratedRegex("""\n\s*(context "|describe )""")]
    private static partial Regex Boundary();

    [GeneratedRegex("""let\(:(micros|nanos)\) \{ is_LS_8 \? "(\d+)" : "" \}""")]
    private static partial Regex Precision();

    [GeneratedRegex("""File\.dirname\(__FILE__\), "([^"]+)"\)""")]
    private static partial Regex DataFile();

    [GeneratedRegex("""<<-END\s*\n(.*?)\n\s*END""", RegexOptions.Singleline)]
    private static partial Regex Heredoc();

    [GeneratedRegex("""decode\[(\d+)\]\.to_json\)\)\.to eq\(JSON\.parse\(json_events\[(\d+)\]""")]
    private static partial Regex Pairing();

    [GeneratedRegex("""expect\(decode\.size\)\.to eq\((\d+)\)""")]
    private static partial Regex Size();
}
