using Fennec.Packets.Decoding;
using Fennec.Packets.Text;

namespace Fennec.Cli.Output;

/// <summary>
/// The mechanics shared by every row writer: a CSV header, then per row the separators (or JSON keys), absent values
/// (an empty cell or <c>null</c>), quoting of text and addresses in JSON. Writes straight to a
/// <see cref="Utf8LineWriter"/>, so rows cost no allocation.
/// </summary>
public sealed class RowFormatter(Utf8LineWriter writer, OutputFormat format, string[] columns)
{
    private readonly bool _json = format == OutputFormat.Jsonl;
    private int _column;

    /// <summary>The writer rows go to.</summary>
    public Utf8LineWriter Writer => writer;

    /// <summary>Writes the CSV header line (nothing for JSON Lines).</summary>
    public void WriteHeader()
    {
        if (_json)
            return;
        writer.WriteAscii(string.Join(',', columns));
        writer.EndLine();
    }

    /// <summary>Starts a row.</summary>
    public void Begin()
    {
        _column = 0;
        if (_json)
            writer.Write('{');
    }

    /// <summary>Ends a row.</summary>
    public void End()
    {
        if (_json)
            writer.Write('}');
        writer.EndLine();
    }

    /// <summary>Starts the next column: a comma, and in JSON its key.</summary>
    public void Next()
    {
        if (_json)
        {
            if (_column > 0)
                writer.Write(',');
            writer.Write('"');
            writer.WriteAscii(columns[_column]);
            writer.WriteAscii("\":");
        }
        else if (_column > 0)
        {
            writer.Write(',');
        }

        _column++;
    }

    /// <summary>A number column.</summary>
    public void Number(long value)
    {
        Next();
        writer.Write(value);
    }

    /// <summary>A number column that may be absent.</summary>
    public void Number(bool present, long value)
    {
        Next();
        if (!Absent(present))
            writer.Write(value);
    }

    /// <summary>A timestamp column (seconds with nine decimals).</summary>
    public void Timestamp(long nanoseconds)
    {
        Next();
        writer.WriteTimestamp(nanoseconds);
    }

    /// <summary>An IP address column that may be absent.</summary>
    public void Address(bool present, in IpAddress address)
    {
        Next();
        if (Absent(present))
            return;
        Quote();
        writer.Write(address);
        Quote();
    }

    /// <summary>A MAC address column, absent when zero.</summary>
    public void Address(in MacAddress mac)
    {
        Next();
        if (Absent(!mac.IsZero))
            return;
        Quote();
        writer.Write(mac);
        Quote();
    }

    /// <summary>An ASCII text column (a status or state name).</summary>
    public void Text(ReadOnlySpan<char> text)
    {
        Next();
        if (_json)
            writer.WriteJsonString(text);
        else
            writer.WriteAscii(text);
    }

    private bool Absent(bool present)
    {
        if (present)
            return false;
        if (_json)
            writer.WriteAscii("null");
        return true;
    }

    private void Quote()
    {
        if (_json)
            writer.Write('"');
    }
}
