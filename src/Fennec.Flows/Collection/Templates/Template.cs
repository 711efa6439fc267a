namespace Fennec.Flows.Collection.Templates;

/// <summary>A learned template or options template, with its fields' actions precomputed.</summary>
internal sealed class Template
{
    public Template(ushort id, TemplateField[] fields, int scopeFieldCount, bool isOptions)
    {
        Id = id;
        Fields = fields;
        ScopeFieldCount = scopeFieldCount;
        IsOptions = isOptions;
        var fixedLength = 0;
        foreach (var field in fields)
        {
            if (field.Action == FieldAction.SkipEnterprise)
                EnterpriseFields++;
            if (field.IsVariable)
            {
                // A variable-length field takes at least its one-byte length prefix.
                MinimumLength += 1;
                fixedLength = -1;
                continue;
            }

            MinimumLength += field.Length;
            if (fixedLength >= 0)
                fixedLength += field.Length;
        }

        FixedLength = fixedLength;
    }

    public ushort Id { get; }

    public TemplateField[] Fields { get; }

    public int ScopeFieldCount { get; }

    public bool IsOptions { get; }

    /// <summary>The record length when no field is variable; otherwise -1.</summary>
    public int FixedLength { get; }

    /// <summary>The fewest bytes a record can take: a set's tail shorter than this is padding.</summary>
    public int MinimumLength { get; }

    /// <summary>Enterprise-specific fields each record carries and Fennec skips.</summary>
    public int EnterpriseFields { get; }

    /// <summary>True when both describe the same layout (a re-announcement, not a redefinition).</summary>
    public bool SameLayout(Template other) =>
        IsOptions == other.IsOptions && ScopeFieldCount == other.ScopeFieldCount && Fields.AsSpan().SequenceEqual(other.Fields);
}
