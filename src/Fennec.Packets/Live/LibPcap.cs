using System.Reflection;
using System.Runtime.InteropServices;

namespace Fennec.Packets.Live;

/// <summary>
/// The few libpcap entry points live capture uses. The library is found by its Debian and upstream sonames in turn,
/// so no development package (which provides the bare <c>libpcap.so</c>) is needed.
/// </summary>
internal static unsafe partial class LibPcap
{
    /// <summary>The name the imports use; the resolver maps it to a real file.</summary>
    private const string Library = "libpcap";

    /// <summary>Debian ships the library as libpcap.so.0.8, upstream builds as libpcap.so.1; libpcap.so comes with -dev.</summary>
    internal static readonly string[] Candidates = ["libpcap.so.0.8", "libpcap.so.1", "libpcap.so"];

    /// <summary>PCAP_ERRBUF_SIZE.</summary>
    public const int ErrorBufferSize = 256;

    /// <summary>PCAP_NETMASK_UNKNOWN: filters that test for broadcast then fail to compile instead of guessing.</summary>
    public const uint NetmaskUnknown = 0xFFFF_FFFF;

    /// <summary>PCAP_TSTAMP_PRECISION_MICRO.</summary>
    public const int PrecisionMicro = 0;

    /// <summary>PCAP_TSTAMP_PRECISION_NANO.</summary>
    public const int PrecisionNano = 1;

    // Status codes of pcap_activate and pcap_next_ex (pcap/pcap.h).
    public const int ErrorBreak = -2;
    public const int ErrorNoSuchDevice = -5;
    public const int ErrorPermissionDenied = -8;
    public const int ErrorInterfaceNotUp = -9;
    public const int ErrorPromiscuousPermissionDenied = -11;

    // Set before any import runs: a static constructor makes the first call to any member wait for it.
    static LibPcap() => NativeLibrary.SetDllImportResolver(typeof(LibPcap).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
            return 0;
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
                return handle;
        }

        // Zero lets the runtime try its own probing, which ends in DllNotFoundException.
        return 0;
    }

    /// <summary>Linux x86_64 <c>struct pcap_pkthdr</c>: a timeval of two C longs, then caplen and len.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PacketHeader
    {
        public CLong Seconds;
        public CLong Fraction;
        public uint CapturedLength;
        public uint WireLength;
    }

    /// <summary><c>struct pcap_stat</c>, with room for the field Windows builds append.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Stat
    {
        public uint Received;
        public uint Dropped;
        public uint InterfaceDropped;
        public uint WindowsCaptured;
    }

    /// <summary><c>struct bpf_program</c>: an instruction count and a pointer to the instructions.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BpfProgram
    {
        public uint Length;
        public nint Instructions;
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial PcapHandle pcap_create(string source, byte* errorBuffer);

    [LibraryImport(Library)]
    public static partial int pcap_set_snaplen(PcapHandle p, int snapLength);

    [LibraryImport(Library)]
    public static partial int pcap_set_promisc(PcapHandle p, int promiscuous);

    [LibraryImport(Library)]
    public static partial int pcap_set_timeout(PcapHandle p, int milliseconds);

    [LibraryImport(Library)]
    public static partial int pcap_set_buffer_size(PcapHandle p, int bytes);

    [LibraryImport(Library)]
    public static partial int pcap_set_immediate_mode(PcapHandle p, int immediate);

    [LibraryImport(Library)]
    public static partial int pcap_set_tstamp_precision(PcapHandle p, int precision);

    [LibraryImport(Library)]
    public static partial int pcap_get_tstamp_precision(PcapHandle p);

    [LibraryImport(Library)]
    public static partial int pcap_activate(PcapHandle p);

    [LibraryImport(Library)]
    public static partial int pcap_datalink(PcapHandle p);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int pcap_compile(PcapHandle p, BpfProgram* program, string expression, int optimize, uint netmask);

    [LibraryImport(Library)]
    public static partial int pcap_setfilter(PcapHandle p, BpfProgram* program);

    [LibraryImport(Library)]
    public static partial void pcap_freecode(BpfProgram* program);

    [LibraryImport(Library)]
    public static partial int pcap_setnonblock(PcapHandle p, int nonBlocking, byte* errorBuffer);

    [LibraryImport(Library)]
    public static partial int pcap_get_selectable_fd(PcapHandle p);

    /// <summary>Takes the raw pointer: it runs once per packet, and the caller guarantees the handle outlives the call.</summary>
    [LibraryImport(Library)]
    public static partial int pcap_next_ex(nint p, PacketHeader** header, byte** data);

    [LibraryImport(Library)]
    public static partial int pcap_stats(PcapHandle p, Stat* stats);

    [LibraryImport(Library)]
    public static partial void pcap_close(nint p);

    [LibraryImport(Library)]
    public static partial byte* pcap_geterr(PcapHandle p);

    [LibraryImport(Library)]
    public static partial byte* pcap_statustostr(int status);

    [LibraryImport(Library)]
    public static partial byte* pcap_lib_version();

    /// <summary>The handle's last error text.</summary>
    public static string LastError(PcapHandle p) => Text(pcap_geterr(p));

    /// <summary>libpcap's generic wording for a status code.</summary>
    public static string StatusText(int status) => Text(pcap_statustostr(status));

    /// <summary>A NUL-terminated string owned by libpcap, copied out.</summary>
    public static string Text(byte* text) => text is null ? "" : Marshal.PtrToStringUTF8((nint)text) ?? "";
}
