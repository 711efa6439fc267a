using System.Buffers.Binary;
using System.Net;

namespace Fennec.Flows.Tests.Collection.SFlow;

/// <summary>Writes sFlow v5 datagrams word by word (XDR: big-endian, opaques padded to four bytes) for hand-made vectors.</summary>
internal sealed class XdrBuilder
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];

    public XdrBuilder U32(uint value)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, value);
        _bytes.AddRange(word.ToArray());
        return this;
    }

    public XdrBuilder Bytes(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes.ToArray());
        return this;
    }

    /// <summary>A length-prefixed opaque and its padding.</summary>
    public XdrBuilder Opaque(ReadOnlySpan<byte> bytes) => U32((uint)bytes.Length).Bytes(bytes).Pad();

    public XdrBuilder Pad()
    {
        while (_bytes.Count % 4 != 0)
            _bytes.Add(0);
        return this;
    }

    /// <summary>An sFlow address: type 1 or 2 from the address family, then the address bytes.</summary>
    public XdrBuilder Address(string address)
    {
        var ip = IPAddress.Parse(address);
        return U32(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 1u : 2u).Bytes(ip.GetAddressBytes());
    }

    /// <summary>The 16 bytes of an IPv6 address, without a type word (sampled IPv6 records).</summary>
    public XdrBuilder Address16(string address) => Bytes(IPAddress.Parse(address).GetAddressBytes());

    /// <summary>A format word and the opaque body built by <paramref name="body"/>.</summary>
    public XdrBuilder Tagged(uint format, Action<XdrBuilder> body)
    {
        var inner = new XdrBuilder();
        body(inner);
        return U32(format).Opaque(inner.ToArray());
    }

    /// <summary>A datagram header: version 5, agent, sub-agent, sequence, uptime, and the samples (each a tagged body).</summary>
    public static XdrBuilder Datagram(string agent, uint subAgent, uint sequence, params (uint Format, Action<XdrBuilder> Body)[] samples)
    {
        var b = new XdrBuilder().U32(5).Address(agent).U32(subAgent).U32(sequence).U32(123_456).U32((uint)samples.Length);
        foreach (var (format, body) in samples)
            b.Tagged(format, body);
        return b;
    }

    /// <summary>A compact flow sample: sequence, source, rate, pool, drops, input, output and the tagged records.</summary>
    public static Action<XdrBuilder> FlowSample(uint rate, uint input, uint output, params (uint Format, Action<XdrBuilder> Body)[] records) => b =>
    {
        b.U32(7).U32(3).U32(rate).U32(1000).U32(0).U32(input).U32(output).U32((uint)records.Length);
        foreach (var (format, body) in records)
            b.Tagged(format, body);
    };

    /// <summary>An expanded flow sample: interfaces as separate format and value words.</summary>
    public static Action<XdrBuilder> ExpandedFlowSample(uint rate, (uint Format, uint Value) input, (uint Format, uint Value) output,
        params (uint Format, Action<XdrBuilder> Body)[] records) => b =>
    {
        b.U32(8).U32(0).U32(3).U32(rate).U32(1000).U32(0)
            .U32(input.Format).U32(input.Value).U32(output.Format).U32(output.Value).U32((uint)records.Length);
        foreach (var (format, body) in records)
            b.Tagged(format, body);
    };

    /// <summary>A sampled header record.</summary>
    public static Action<XdrBuilder> SampledHeader(uint protocol, uint frameLength, uint stripped, byte[] header) =>
        b => b.U32(protocol).U32(frameLength).U32(stripped).Opaque(header);

    /// <summary>A compact counter sample with one generic interface counter record of 88 zero bytes.</summary>
    public static Action<XdrBuilder> CounterSample(bool expanded) => b =>
    {
        b.U32(9).U32(expanded ? 0u : 5u);
        if (expanded)
            b.U32(5);
        b.U32(1).Tagged(1, r => r.Bytes(new byte[88]));
    };
}
