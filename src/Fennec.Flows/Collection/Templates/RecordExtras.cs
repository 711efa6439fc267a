namespace Fennec.Flows.Collection.Templates;

/// <summary>
/// What a data record carries that is not a <see cref="TelemetryRecord"/> field as such: times in the encodings the
/// record used and the sampling fields, resolved once the whole record is read.
/// </summary>
internal struct RecordExtras
{
    public long StartNs;
    public long EndNs;
    public uint StartUptimeMs;
    public uint EndUptimeMs;
    public long StartDeltaUs;
    public long EndDeltaUs;
    public long SystemInitMs;
    public ulong SamplingInterval;
    public ulong SamplerId;
    public ulong PacketInterval;
    public ulong PacketSpace;
    public ulong SamplingSize;
    public ulong SamplingPopulation;

    /// <summary>Where the record's packet section starts (from the start of the record) and its length; 0 when it has none.</summary>
    public int SectionOffset;
    public int SectionLength;

    /// <summary>The section starts at the IP header (ipHeaderPacketSection) rather than at layer 2.</summary>
    public bool SectionIsIp;
    public Flags Has;

    [System.Flags]
    public enum Flags : ushort
    {
        None = 0,
        Start = 1,
        End = 2,
        StartUptime = 4,
        EndUptime = 8,
        StartDelta = 16,
        EndDelta = 32,
        SystemInit = 64,
        SamplingInterval = 128,
        SamplerId = 256,
        PacketInterval = 512,
        PacketSpace = 1024,
        IcmpType = 2048,
        IcmpCode = 4096,
        IpNextHop = 8192,
        SamplingSize = 16384,
        SamplingPopulation = 32768,
    }

    /// <summary>The sampling rate the record states itself, or 0.</summary>
    public readonly uint OwnSamplingRate()
    {
        if ((Has & Flags.SamplingInterval) != 0 && SamplingInterval > 0)
            return (uint)Math.Min(SamplingInterval, uint.MaxValue);
        // Random n-out-of-N (PSAMP): Cisco IOS XR states it so, beside a samplingPacketInterval of 1 that means nothing then.
        const Flags nOutOfN = Flags.SamplingSize | Flags.SamplingPopulation;
        if ((Has & nOutOfN) == nOutOfN && SamplingSize > 0 && SamplingPopulation >= SamplingSize)
            return (uint)Math.Min(SamplingPopulation / SamplingSize, uint.MaxValue);
        if ((Has & Flags.PacketInterval) != 0 && PacketInterval > 0)
        {
            // PSAMP systematic count-based sampling: take `interval` packets, skip `space`.
            var rate = (PacketInterval + PacketSpace) / PacketInterval;
            return (uint)Math.Clamp(rate, 1, uint.MaxValue);
        }

        return 0;
    }
}
