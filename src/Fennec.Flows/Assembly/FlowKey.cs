using System.Runtime.CompilerServices;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>
/// The identity of a bidirectional flow: the two endpoints in a canonical order (so both directions find the same
/// flow), the protocol, the VLAN and the capture interface. Non-IP frames are keyed by their MAC pair and ethertype.
/// The hash is computed once, when the key is made.
/// </summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    /// <summary>The lower endpoint's address (for non-IP flows, the MAC in the low 48 bits).</summary>
    public readonly IpAddress AddressA;

    /// <summary>The higher endpoint's address.</summary>
    public readonly IpAddress AddressB;

    /// <summary>The lower endpoint's port (0 where the protocol has none).</summary>
    public readonly ushort PortA;

    /// <summary>The higher endpoint's port; for ICMP the request's type and code (type * 256 + code), as NetFlow does.</summary>
    public readonly ushort PortB;

    /// <summary>The outermost VLAN id.</summary>
    public readonly ushort Vlan;

    /// <summary>IP protocol, or 0 for non-IP flows.</summary>
    public readonly byte Protocol;

    /// <summary>True when the flow is keyed by MAC addresses (ARP and other non-IP traffic).</summary>
    public readonly bool IsMacFlow;

    /// <summary>The capture interface (or sensor) index.</summary>
    public readonly int Interface;

    /// <summary>The precomputed hash; symmetric by construction since the endpoints are ordered.</summary>
    public readonly int Hash;

    /// <summary>Creates a key; the endpoints must already be in canonical order.</summary>
    internal FlowKey(IpAddress a, IpAddress b, ushort portA, ushort portB, byte protocol, ushort vlan, int iface, bool isMacFlow)
    {
        AddressA = a;
        AddressB = b;
        PortA = portA;
        PortB = portB;
        Protocol = protocol;
        Vlan = vlan;
        Interface = iface;
        IsMacFlow = isMacFlow;
        Hash = ComputeHash(a, b, portA, portB, protocol, vlan, iface);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ComputeHash(in IpAddress a, in IpAddress b, ushort portA, ushort portB, byte protocol, ushort vlan, int iface)
    {
        // A multiply-xorshift mix of the 64-bit words: cheap, and spreads sequential addresses and ports well.
        const ulong K = 0x9E3779B97F4A7C15UL;
        var h = (a.High ^ (a.Low * K)) + (b.High * 31) ^ (b.Low * K);
        h ^= ((ulong)portA << 48) | ((ulong)portB << 32) | ((ulong)protocol << 24) | ((ulong)vlan << 8) ^ (uint)iface;
        h *= K;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (int)h;
    }

    /// <inheritdoc />
    public bool Equals(FlowKey other) =>
        Hash == other.Hash && AddressA.Equals(other.AddressA) && AddressB.Equals(other.AddressB) && PortA == other.PortA &&
        PortB == other.PortB && Protocol == other.Protocol && Vlan == other.Vlan && Interface == other.Interface &&
        IsMacFlow == other.IsMacFlow;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Hash;

    /// <summary>Equality of two keys.</summary>
    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    /// <summary>Inequality of two keys.</summary>
    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);
}
