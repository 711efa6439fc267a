using Fennec.Packets.Capture;

namespace Fennec.Flows.Parallel;

/// <summary>
/// Where in a classic pcap file a cut may lie, from one record's time at evenly spaced samples. Between two samples
/// whose times go forward by less than the silence a cut needs, no packet can follow a silence that long while time
/// keeps going forward, so only the stretches between samples that jump back, or forward by that much or more, and
/// the stretch after the last sample, are searched. A steady capture (the common case of one long capture of a busy
/// link) is then known to have no cut after reading a few hundred small windows, where searching from each part's
/// start read up to 64 MiB per part. What the samples cannot see (time going back and forward again between two
/// samples) only hides a cut, which costs speed, never records: every cut is still confirmed by the part before it.
/// </summary>
internal sealed class CutSurvey
{
    /// <summary>Samples over the whole file at most: 512 reads of 64 KiB.</summary>
    private const int MaxSamples = 512;

    private readonly List<(long Start, long End)> _stretches;

    private CutSurvey(List<(long Start, long End)> stretches) => _stretches = stretches;

    /// <summary>The stretches that may hold a cut (each from a record start to the record start of the next sample), in file order.</summary>
    public IReadOnlyList<(long Start, long End)> Stretches => _stretches;

    /// <summary>Samples <paramref name="file"/>; <paramref name="quietNs"/> is the silence a cut needs.</summary>
    public static CutSurvey Take(SeekablePcap file, long quietNs)
    {
        var first = SeekablePcap.FirstRecordOffset;
        var samples = (int)Math.Clamp((file.Length - first) / SeekablePcap.SmallBufferBytes, 1, MaxSamples);
        var step = (file.Length - first) / samples;
        var stretches = new List<(long Start, long End)>();
        (long Offset, long TimestampNs)? previous = null;
        for (var k = 0; k < samples; k++)
        {
            if (Sample(file, first + (k * step)) is not { } sample || (previous is { } p && sample.Offset <= p.Offset))
                continue; // damage or one long record here: the stretch before reaches on to the next sample
            if (previous is { } before && (sample.TimestampNs < before.TimestampNs || sample.TimestampNs - before.TimestampNs >= quietNs))
                stretches.Add((before.Offset, sample.Offset));
            previous = sample;
        }

        if (previous is { } last)
            stretches.Add((last.Offset, long.MaxValue)); // nothing after it was sampled
        return new CutSurvey(stretches);
    }

    /// <summary>The parts of the stretches between <paramref name="from"/> and <paramref name="to"/>, in file order.</summary>
    public IEnumerable<(long Start, long End)> Within(long from, long to)
    {
        foreach (var (start, end) in _stretches)
        {
            if (end > from && start < to)
                yield return (Math.Max(start, from), Math.Min(end, to));
        }
    }

    private static (long Offset, long TimestampNs)? Sample(SeekablePcap file, long offset)
    {
        try
        {
            using var reader = file.OpenNear(offset, out _, SeekablePcap.SmallBufferBytes);
            return reader is not null && reader.TryRead(out var record) ? (record.Offset, record.TimestampNs) : null;
        }
        catch (CaptureFormatException)
        {
            return null;
        }
    }
}
