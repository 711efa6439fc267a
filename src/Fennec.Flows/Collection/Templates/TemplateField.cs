namespace Fennec.Flows.Collection.Templates;

/// <summary>One field of a template: its element, its length on the wire (or variable) and what it does.</summary>
internal readonly record struct TemplateField(ushort ElementId, uint Enterprise, ushort Length, FieldAction Action)
{
    /// <summary>The length RFC 7011 uses to mark a variable-length field.</summary>
    public const ushort Variable = 0xFFFF;

    public bool IsVariable => Length == Variable;
}
