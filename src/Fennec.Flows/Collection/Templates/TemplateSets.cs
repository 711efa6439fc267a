using System.Buffers.Binary;

namespace Fennec.Flows.Collection.Templates;

/// <summary>
/// Reads the templates of a template or options template set: NetFlow v9 (RFC 3954 §5.2, §6.1) and IPFIX (RFC 7011
/// §3.4). Malformed templates are counted and the rest of the set is abandoned (its boundaries can no longer be
/// trusted); templates read before the fault are kept.
/// </summary>
internal static class TemplateSets
{
    /// <summary>Data set ids start here in both formats; lower ids are set types.</summary>
    public const ushort FirstDataSetId = 256;

    public static void ReadV9(ReadOnlySpan<byte> body, bool options, List<Template> into, ExporterCounters counters)
    {
        var offset = 0;
        while (body.Length - offset >= (options ? 6 : 4))
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
            if (id == 0 && IsPadding(body[offset..]))
                return;
            Template? template;
            int used;
            if (options)
            {
                // Scope and option lengths are in bytes, four per field specifier.
                var scopeBytes = BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 2)..]);
                var optionBytes = BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 4)..]);
                used = 6 + scopeBytes + optionBytes;
                template = scopeBytes % 4 != 0 || optionBytes % 4 != 0 || used > body.Length - offset
                    ? null
                    : Build(id, body.Slice(offset + 6, scopeBytes + optionBytes), (scopeBytes + optionBytes) / 4, scopeBytes / 4, options: true, ipfix: false, counters);
            }
            else
            {
                var count = BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 2)..]);
                used = 4 + count * 4;
                template = count == 0 || used > body.Length - offset
                    ? null
                    : Build(id, body.Slice(offset + 4, count * 4), count, 0, options: false, ipfix: false, counters);
            }

            if (template is null)
            {
                counters.Count(DecodeErrorKind.BadTemplate);
                return;
            }

            into.Add(template);
            offset += used;
        }
    }

    /// <summary>Reads IPFIX templates; withdrawals (a template record with no fields) go to <paramref name="withdrawn"/>.</summary>
    public static void ReadIpfix(ReadOnlySpan<byte> body, bool options, List<Template> into, List<ushort> withdrawn, ExporterCounters counters)
    {
        var offset = 0;
        while (body.Length - offset >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
            var count = BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 2)..]);
            if (id == 0 && IsPadding(body[offset..]))
                return;
            if (count == 0)
            {
                withdrawn.Add(id);
                offset += 4;
                continue;
            }

            var header = options ? 6 : 4;
            if (body.Length - offset < header)
            {
                counters.Count(DecodeErrorKind.BadTemplate);
                return;
            }

            int scope = options ? BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 4)..]) : 0;
            var specifiers = body[(offset + header)..];
            var length = SpecifierBytes(specifiers, count);
            // RFC 7011 §3.4.2.2: an options template must name at least one scope field.
            if (length < 0 || (options && (scope == 0 || scope > count)))
            {
                counters.Count(DecodeErrorKind.BadTemplate);
                return;
            }

            var template = Build(id, specifiers[..length], count, scope, options, ipfix: true, counters);
            if (template is null)
            {
                counters.Count(DecodeErrorKind.BadTemplate);
                return;
            }

            into.Add(template);
            offset += header + length;
        }
    }

    /// <summary>The bytes <paramref name="count"/> IPFIX field specifiers take, or -1 when they run past the data.</summary>
    private static int SpecifierBytes(ReadOnlySpan<byte> data, int count)
    {
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            if (data.Length - offset < 4)
                return -1;
            var enterprise = (data[offset] & 0x80) != 0;
            offset += enterprise ? 8 : 4;
        }

        return offset <= data.Length ? offset : -1;
    }

    private static Template? Build(ushort id, ReadOnlySpan<byte> specifiers, int count, int scope, bool options, bool ipfix, ExporterCounters counters)
    {
        if (id < FirstDataSetId)
            return null;
        var fields = new TemplateField[count];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var element = BinaryPrimitives.ReadUInt16BigEndian(specifiers[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(specifiers[(offset + 2)..]);
            offset += 4;
            uint enterprise = 0;
            if (ipfix && (element & 0x8000) != 0)
            {
                element &= 0x7FFF;
                enterprise = BinaryPrimitives.ReadUInt32BigEndian(specifiers[offset..]);
                offset += 4;
            }

            // v9 scope fields have their own numbering (system, interface, line card, cache, template: RFC 3954
            // §6.1) that collides with element ids; IPFIX scopes are ordinary elements (often the sampler id).
            var bad = false;
            var action = !ipfix && i < scope ? FieldAction.Skip : FieldActions.For(element, enterprise, length, out bad);
            if (bad)
                counters.Count(DecodeErrorKind.BadFieldLength);
            fields[i] = new TemplateField(element, enterprise, length, action);
        }

        return new Template(id, fields, scope, options);
    }

    /// <summary>True when the rest of a set is zero bytes, which exporters use to pad sets to 32-bit boundaries.</summary>
    private static bool IsPadding(ReadOnlySpan<byte> rest) => !rest.ContainsAnyExcept((byte)0);
}
