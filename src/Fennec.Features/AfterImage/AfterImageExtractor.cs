using Fennec.Features.Kitsune;

namespace Fennec.Features.AfterImage;

/// <summary>
/// Kitsune's AfterImage: per packet, updates four families of damped statistics (source MAC-IP, host pair
/// "channel", channel inter-arrival jitter, socket pair) at five decay factors and writes the 100 features in the
/// reference's column order, bit for bit.
/// </summary>
public sealed class AfterImageExtractor
{
    /// <summary>Features per packet.</summary>
    public const int FeatureCount = 100;

    internal const int SourceStart = 0, ChannelStart = 15, JitterStart = 50, SocketStart = 65;

    private readonly StreamTable _source;
    private readonly StreamTable _channel;
    private readonly StreamTable _jitter;
    private readonly StreamTable _socket;
    private readonly StreamTable[] _tables;
    private readonly AfterImageOptions _options;
    private readonly char[] _first = new char[2 * TextField.MaxLength];
    private readonly char[] _second = new char[2 * TextField.MaxLength];

    /// <summary>Creates an extractor with no state.</summary>
    public AfterImageExtractor(AfterImageOptions? options = null)
        : this(options, new StreamTable(false), new StreamTable(false), new StreamTable(true), new StreamTable(false), 0)
    {
    }

    private AfterImageExtractor(AfterImageOptions? options, StreamTable source, StreamTable channel, StreamTable jitter, StreamTable socket, long packets)
    {
        _options = options ?? new AfterImageOptions();
        _options.Validate();
        (_source, _channel, _jitter, _socket) = (source, channel, jitter, socket);
        _tables = [_source, _channel, _jitter, _socket];
        Packets = packets;
        foreach (var table in _tables)
        {
            table.SetMaxStreams(_options.MaxStreamsPerTable ?? int.MaxValue);
            table.SetDeferralDegree(_options.DeferralDegree);
        }
    }

    // Written negated before the packet count, which older states begin with (and which is never negative).
    private const long StateVersion = 2;

    /// <summary>Writes the whole state (every stream, pair and cache), so that a loaded extractor continues bit for bit.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(-StateVersion);
        writer.Write(Packets);
        foreach (var table in _tables)
            table.Save(writer);
    }

    /// <summary>Reads a state written by <see cref="Save"/>; <paramref name="options"/> may set new memory bounds.</summary>
    /// <exception cref="InvalidDataException">The data is not a saved AfterImage state.</exception>
    public static AfterImageExtractor Load(BinaryReader reader, AfterImageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var first = reader.ReadInt64();
        var version = first < 0 ? -first : 1;
        if (version > StateVersion)
            throw new InvalidDataException($"AfterImage state version {version} is not supported (this Fennec reads versions 1 to {StateVersion})");
        var packets = first < 0 ? reader.ReadInt64() : first;
        var versionTwo = version >= 2;
        var source = StreamTable.Load(reader, versionTwo);
        var channel = StreamTable.Load(reader, versionTwo);
        var jitter = StreamTable.Load(reader, versionTwo);
        var socket = StreamTable.Load(reader, versionTwo);
        return new AfterImageExtractor(options, source, channel, jitter, socket, packets);
    }

    /// <summary>Packets processed.</summary>
    public long Packets { get; private set; }

    /// <summary>The options in force.</summary>
    public AfterImageOptions Options => _options;

    /// <summary>Updates the statistics with one packet and writes its <see cref="FeatureCount"/> features.</summary>
    public void Update(PacketFields packet, Span<double> features)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (features.Length < FeatureCount)
            throw new ArgumentException($"the feature buffer holds {features.Length} values; {FeatureCount} are needed", nameof(features));

        var time = packet.Timestamp;
        double size = packet.FrameLength;
        var srcIp = packet.SrcIp.Value;
        var dstIp = packet.DstIp.Value;

        var sourceNode = _source.GetOrCreate(Concat(_first, packet.SrcMac.Value, srcIp), time, out _);
        _source.Update1D(sourceNode, size, time, features[SourceStart..], 3);

        _channel.Update1D2D(srcIp, dstIp, size, time, features.Slice(ChannelStart, 35));

        var jitterNode = _jitter.GetOrCreate(Concat(_first, srcIp, dstIp), time, out _);
        _jitter.Update1D(jitterNode, 0, time, features[JitterStart..], 3);

        if (packet.IsArp)
            _socket.Update1D2D(packet.SrcMac.Value, packet.DstMac.Value, size, time, features.Slice(SocketStart, 35));
        else
            _socket.Update1D2D(Concat(_first, srcIp, packet.SrcProto.Value), Concat(_second, dstIp, packet.DstProto.Value), size, time, features.Slice(SocketStart, 35));

        Packets++;
        if (_options.ExpiryWeight is { } epsilon)
        {
            foreach (var table in _tables)
                table.SweepQuiet(time, epsilon, _options.SweepPerPacket);
        }
    }

    /// <summary>Counts of what the four tables hold and have dropped.</summary>
    public AfterImageStatistics Statistics
    {
        get
        {
            long streams = 0, pairs = 0, evicted = 0, expired = 0, bytes = 0, peak = 0;
            foreach (var table in _tables)
            {
                streams += table.StreamCount;
                pairs += table.PairCount;
                evicted += table.Evicted;
                expired += table.Expired;
                bytes += table.ApproximateBytes;
                peak += table.PeakStreams;
            }

            return new AfterImageStatistics(Packets, streams, pairs, peak, evicted, expired, bytes);
        }
    }

    internal StreamTable SourceTable => _source;

    internal StreamTable ChannelTable => _channel;

    internal StreamTable JitterTable => _jitter;

    internal StreamTable SocketTable => _socket;

    private static ReadOnlySpan<char> Concat(char[] buffer, ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a.CopyTo(buffer);
        b.CopyTo(buffer.AsSpan(a.Length));
        return buffer.AsSpan(0, a.Length + b.Length);
    }
}

/// <summary>What AfterImage holds and has forgotten.</summary>
/// <param name="Packets">Packets processed.</param>
/// <param name="Streams">Streams held in the four tables.</param>
/// <param name="Pairs">Stream pairs held.</param>
/// <param name="PeakStreams">The sum of each table's largest stream count.</param>
/// <param name="Evicted">Streams removed by the hard bound.</param>
/// <param name="Expired">Streams removed after decaying below the expiry weight.</param>
/// <param name="ApproximateBytes">Memory held by the tables' arrays.</param>
public readonly record struct AfterImageStatistics(
    long Packets, long Streams, long Pairs, long PeakStreams, long Evicted, long Expired, long ApproximateBytes);
