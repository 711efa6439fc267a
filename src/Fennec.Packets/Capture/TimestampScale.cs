namespace Fennec.Packets.Capture;

/// <summary>
/// Converts timestamps counted in an interface's units (pcapng <c>if_tsresol</c>) to nanoseconds, adding the
/// interface's offset in seconds (<c>if_tsoffset</c>).
/// </summary>
public readonly record struct TimestampScale
{
    private readonly ulong _unitsPerSecond;

    private TimestampScale(ulong unitsPerSecond, long offsetSeconds, byte resolution)
    {
        _unitsPerSecond = unitsPerSecond;
        OffsetSeconds = offsetSeconds;
        Resolution = resolution;
    }

    /// <summary>Microsecond units (classic pcap and the pcapng default).</summary>
    public static TimestampScale Microseconds { get; } = new(1_000_000, 0, 6);

    /// <summary>Nanosecond units.</summary>
    public static TimestampScale Nanoseconds { get; } = new(1_000_000_000, 0, 9);

    /// <summary>The raw <c>if_tsresol</c> byte: high bit clear for a power of ten, set for a power of two.</summary>
    public byte Resolution { get; }

    /// <summary>Seconds added to every timestamp.</summary>
    public long OffsetSeconds { get; }

    /// <summary>Timestamp units in one second.</summary>
    public ulong UnitsPerSecond => _unitsPerSecond;

    /// <summary>Builds a scale from an <c>if_tsresol</c> byte; null when the resolution cannot be represented.</summary>
    public static TimestampScale? FromResolution(byte resolution, long offsetSeconds)
    {
        var exponent = resolution & 0x7F;
        ulong units;
        if ((resolution & 0x80) == 0)
        {
            if (exponent > 19)
                return null;
            units = 1;
            for (var i = 0; i < exponent; i++)
                units *= 10;
        }
        else
        {
            if (exponent > 63)
                return null;
            units = 1UL << exponent;
        }

        return new TimestampScale(units, offsetSeconds, resolution);
    }

    /// <summary>The same scale with another offset.</summary>
    public TimestampScale WithOffset(long offsetSeconds) => new(_unitsPerSecond, offsetSeconds, Resolution);

    /// <summary>Converts a raw timestamp to nanoseconds since the epoch (saturating on overflow).</summary>
    public long ToNanoseconds(ulong raw)
    {
        ulong nanos;
        if (_unitsPerSecond == 1_000_000)
        {
            nanos = raw * 1000;
        }
        else if (_unitsPerSecond == 1_000_000_000)
        {
            nanos = raw;
        }
        else
        {
            var seconds = raw / _unitsPerSecond;
            var fraction = raw % _unitsPerSecond;
            var wide = ((UInt128)seconds * 1_000_000_000) + ((UInt128)fraction * 1_000_000_000 / _unitsPerSecond);
            nanos = wide > long.MaxValue ? long.MaxValue : (ulong)wide;
        }

        var result = (long)Math.Min(nanos, long.MaxValue);
        return OffsetSeconds == 0 ? result : result + (OffsetSeconds * 1_000_000_000);
    }
}
