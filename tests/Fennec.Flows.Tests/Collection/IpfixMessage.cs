using System.Buffers.Binary;

namespace Fennec.Flows.Tests.Collection;

/// <summary>Builds IPFIX messages byte by byte for hand-made test vectors.</summary>
internal static class IpfixMessage
{
    /// <summary>The marker of a variable-length field in a template.</summary>
    public const ushort Variable = 0xFFFF;

    /// <summary>A message (export time 1,700,000,000) holding the given sets in order.</summary>
    public static byte[] Build(params byte[][] sets)
    {
        var body = Concat(sets);
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(header, 10);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(16 + body.Length));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1_700_000_000);
        return Concat(header, body);
    }

    /// <summary>A template set with one template of (element, length) fields.</summary>
    public static byte[] Template(ushort id, params (ushort Element, ushort Length)[] fields) =>
        Set(2, Concat([U16(id), U16((ushort)fields.Length), .. Fields(fields)]));

    /// <summary>An options template set: the first <paramref name="scopes"/> fields are its scope.</summary>
    public static byte[] OptionsTemplate(ushort id, int scopes, params (ushort Element, ushort Length)[] fields) =>
        Set(3, Concat([U16(id), U16((ushort)fields.Length), U16((ushort)scopes), .. Fields(fields)]));

    /// <summary>A data set of records already encoded.</summary>
    public static byte[] Data(ushort templateId, params byte[][] records) => Set(templateId, Concat(records));

    public static byte[] U8(byte value) => [value];

    public static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] IPv4(string address) => System.Net.IPAddress.Parse(address).GetAddressBytes();

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static IEnumerable<byte[]> Fields((ushort Element, ushort Length)[] fields) =>
        fields.Select(f => Concat(U16(f.Element), U16(f.Length)));

    private static byte[] Set(ushort id, byte[] body) => Concat(U16(id), U16((ushort)(4 + body.Length)), body);
}
