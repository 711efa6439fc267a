using System.IO.Compression;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Features.Kitsune;

/// <summary>
/// Packets for Kitsune from a capture (pcap, pcapng, gzip), decoded by Fennec, or from Kitsune's TSV input (a
/// ".tsv" or ".tsv.gz" file, or any file that starts with its header).
/// </summary>
public sealed class KitsunePacketSource : IDisposable
{
    private readonly CaptureReader? _capture;
    private readonly KitsuneTsvReader? _tsv;
    private readonly DecodeStatistics _decodeStatistics = new();

    private KitsunePacketSource(string name, CaptureReader? capture, KitsuneTsvReader? tsv)
    {
        Name = name;
        _capture = capture;
        _tsv = tsv;
    }

    /// <summary>The input's name.</summary>
    public string Name { get; }

    /// <summary>True when the input is Kitsune's TSV rather than a capture.</summary>
    public bool IsTsv => _tsv is not null;

    /// <summary>Packets delivered.</summary>
    public long Packets { get; private set; }

    /// <summary>For TSV input: 1 when the last line was cut short and skipped.</summary>
    public int TruncatedLines => _tsv?.TruncatedLines ?? 0;

    /// <summary>For captures: how the frames decoded.</summary>
    public DecodeStatistics DecodeStatistics => _decodeStatistics;

    /// <summary>The capture reader, for captures (its counters and position).</summary>
    public CaptureReader? Capture => _capture;

    /// <summary>Opens a file ("-" is standard input, read as a capture unless it starts with the TSV header).</summary>
    /// <exception cref="CaptureFormatException">The input is neither a capture nor Kitsune's TSV.</exception>
    /// <exception cref="KitsuneInputException">The TSV header is wrong.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static KitsunePacketSource Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path != "-" && (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tsv.gz", StringComparison.OrdinalIgnoreCase) || StartsWithTsvHeader(path)))
            return new KitsunePacketSource(path, null, new KitsuneTsvReader(OpenText(path), path));
        return new KitsunePacketSource(path, CaptureReader.Open(path), null);
    }

    /// <summary>Reads packets from an open capture (standard input, for example); the source then owns the reader.</summary>
    public static KitsunePacketSource FromCapture(CaptureReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new KitsunePacketSource(reader.SourceName, reader, null);
    }

    /// <summary>Reads the next packet's fields; false at the end of the input.</summary>
    /// <exception cref="CaptureFormatException">The capture is damaged (the packets before the damage were delivered).</exception>
    /// <exception cref="KitsuneInputException">A TSV line is malformed.</exception>
    public bool TryRead(PacketFields fields)
    {
        if (_tsv is not null)
        {
            if (!_tsv.TryRead(fields))
                return false;
            Packets++;
            return true;
        }

        if (!_capture!.TryRead(out var record))
            return false;
        PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
        _decodeStatistics.Add(packet);
        PacketFieldExtractor.Extract(packet, fields);
        Packets++;
        return true;
    }

    private static Stream OpenText(string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var magic = new byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static bool StartsWithTsvHeader(string path)
    {
        try
        {
            using var stream = OpenText(path);
            var start = new byte[32];
            var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            return KitsuneTsvReader.LooksLikeTsv(start.AsSpan(0, read));
        }
        catch (InvalidDataException)
        {
            return false; // gzip magic without a gzip stream: let the capture reader report it
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _capture?.Dispose();
        _tsv?.Dispose();
    }
}
