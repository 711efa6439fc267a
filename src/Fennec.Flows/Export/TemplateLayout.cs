using System.Buffers.Binary;

namespace Fennec.Flows.Export;

/// <summary>One template: its id, its field specifiers (element id and length) and the data record length they give.</summary>
internal sealed class TemplateLayout
{
    public TemplateLayout(ushort templateId, (ushort Id, ushort Length)[] fields)
    {
        TemplateId = templateId;
        Fields = fields;
        foreach (var field in fields)
            RecordLength += field.Length;
    }

    public ushort TemplateId { get; }

    public (ushort Id, ushort Length)[] Fields { get; }

    /// <summary>Bytes of one data record.</summary>
    public int RecordLength { get; }

    /// <summary>Bytes of the template record: id, field count, then four bytes per field.</summary>
    public int TemplateRecordLength => 4 + (4 * Fields.Length);

    /// <summary>Writes the template record; returns its length.</summary>
    public int WriteTemplate(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, TemplateId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Fields.Length);
        var at = 4;
        foreach (var (id, length) in Fields)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[at..], id);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 2)..], length);
            at += 4;
        }

        return at;
    }
}
