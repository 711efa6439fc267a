using System.Globalization;
using Fennec.Simulation.Attacks;

namespace Fennec.Simulation.Output;

/// <summary>
/// Writes attack labels as CSV: <c>attack,start,end,start_ns,end_ns,attacker,victim,victim_port,packets,description</c>,
/// times as ISO-8601 UTC; a field holding a comma, a quote or a line break is quoted (quotes doubled).
/// </summary>
public sealed class AttackLabelWriter : IDisposable
{
    /// <summary>The header line.</summary>
    public const string Header = "attack,start,end,start_ns,end_ns,attacker,victim,victim_port,packets,description";

    private readonly TextWriter _writer;
    private readonly bool _leaveOpen;

    /// <summary>Writes to <paramref name="writer"/>.</summary>
    public AttackLabelWriter(TextWriter writer, bool leaveOpen = false)
    {
        _writer = writer;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Writes the header and every label.</summary>
    public void WriteAll(IEnumerable<AttackLabel> labels)
    {
        _writer.Write(Header);
        _writer.Write('\n');
        foreach (var label in labels)
            Write(label);
    }

    /// <summary>Writes one row.</summary>
    public void Write(AttackLabel label)
    {
        var c = CultureInfo.InvariantCulture;
        Field(AttackKinds.Name(label.Kind), true);
        Field(label.Start.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", c), true);
        Field(label.End.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", c), true);
        Field(label.StartNs.ToString(c), true);
        Field(label.EndNs.ToString(c), true);
        Field(label.Attacker, true);
        Field(label.Victim, true);
        Field(label.VictimPort?.ToString(c) ?? "", true);
        Field(label.Packets.ToString(c), true);
        Field(label.Description, false);
        _writer.Write('\n');
    }

    /// <summary>Flushes and, unless asked to leave it open, closes the writer.</summary>
    public void Dispose()
    {
        _writer.Flush();
        if (!_leaveOpen)
            _writer.Dispose();
    }

    /// <summary>A CSV field, quoted when it holds a delimiter, a quote or a line break.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void Field(string value, bool comma)
    {
        _writer.Write(Quote(value));
        if (comma)
            _writer.Write(',');
    }
}
