using System.Runtime.InteropServices;

namespace Fennec.Packets.Live;

/// <summary>Owns a <c>pcap_t</c>, closing it even when the capture is never disposed.</summary>
internal sealed class PcapHandle : SafeHandle
{
    /// <summary>Called by the interop marshaller for <c>pcap_create</c>'s result.</summary>
    public PcapHandle()
        : base(0, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        LibPcap.pcap_close(handle);
        return true;
    }
}
