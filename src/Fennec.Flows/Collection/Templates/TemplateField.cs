namespace Fennec.Flows.Collection.Templates;

/// <summary>One field of a template: its element, its length on the wire (or variable) and what it does.</summary>
internal readonly record struct TemplateField(ushort ElementId, uint Enterprise, ushort Length, FieldAction Action)
{
    /// <summary>
    /// The length RFC 7011 uses to mark a variable-length field. v9 has no such fields, but some v9 exporters (H3C
    /// NetStream) use the same marker, and no v9 flowset could hold a 65535-byte field, so both formats read it so.
    /// </summary>
    public const ushort Variable = 0xFFFF;

    public bool IsVariable => Length == Variable;
}
