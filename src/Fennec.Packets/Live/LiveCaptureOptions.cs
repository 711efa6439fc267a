namespace Fennec.Packets.Live;

/// <summary>
/// How <see cref="LiveCapture.Open"/> sets up a capture. The defaults suit a sensor that wants every byte of every
/// packet delivered as soon as it arrives.
/// </summary>
public sealed record LiveCaptureOptions
{
    /// <summary>The default <see cref="SnapLength"/>: 262144 bytes, libpcap's own default, so no packet is cut.</summary>
    public const int DefaultSnapLength = 262_144;

    /// <summary>The default <see cref="ReadTimeoutMs"/>: 100 ms.</summary>
    public const int DefaultReadTimeoutMs = 100;

    /// <summary>The default <see cref="BufferSize"/>: 32 MiB.</summary>
    public const int DefaultBufferSize = 32 << 20;

    /// <summary>The most bytes kept of each packet (default 262144). Must be positive.</summary>
    public int SnapLength { get; init; } = DefaultSnapLength;

    /// <summary>Whether to put the interface in promiscuous mode (default false: only traffic to and from this host).</summary>
    public bool Promiscuous { get; init; }

    /// <summary>
    /// How long <see cref="LiveCapture.TryRead"/> waits for a packet before returning false (default 100 ms), which
    /// bounds how late a caller notices a request to stop. Must be positive: zero would turn waiting into spinning.
    /// </summary>
    public int ReadTimeoutMs { get; init; } = DefaultReadTimeoutMs;

    /// <summary>
    /// The kernel's capture buffer in bytes (default 32 MiB); packets that arrive while it is full are dropped and
    /// counted in <see cref="LiveCaptureStats.Dropped"/>. libpcap's own default of 2 MiB is small in immediate mode,
    /// where each packet takes a slot sized for the interface's MTU: on loopback (MTU 65536) it holds 16. Must be
    /// positive.
    /// </summary>
    public int BufferSize { get; init; } = DefaultBufferSize;

    /// <summary>A BPF filter in tcpdump syntax applied in the kernel, or null (the default) for every packet.</summary>
    public string? Filter { get; init; }

    /// <summary>
    /// Whether each packet is delivered as soon as it arrives rather than when the kernel buffer fills or the timeout
    /// passes (default true: lowest latency; false batches more under load).
    /// </summary>
    public bool ImmediateMode { get; init; } = true;
}
