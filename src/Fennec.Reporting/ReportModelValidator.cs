namespace Fennec.Reporting;

/// <summary>
/// Checks a model before anything is written, so a bad one fails with the field named ("Incidents[3].Severity is
/// NaN") instead of a broken page or a serialiser error. Paths are only formatted on failure: a network map can hold
/// hundreds of thousands of items.
/// </summary>
internal static class ReportModelValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot be drawn.</summary>
    public static void Validate(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var root = new FieldPath(null, null, -1);
        Required(model.Title, root, "Title");
        Items(model.Inputs, root, "Inputs", static (_, _) => { });
        Required(model.Summary, root, "Summary");
        if (model.CaptureLastNs < model.CaptureFirstNs)
            Fail($"CaptureLastNs ({model.CaptureLastNs}) is before CaptureFirstNs ({model.CaptureFirstNs})");
        var s = model.Summary;
        var summary = new FieldPath(null, "Summary", -1);
        Count(s.Packets, summary, "Packets");
        Count(s.Bytes, summary, "Bytes");
        Count(s.Flows, summary, "Flows");
        Count(s.InsideHosts, summary, "InsideHosts");
        Count(s.OutsideHosts, summary, "OutsideHosts");
        Count(s.Countries, summary, "Countries");
        Count(s.IncidentsShown, summary, "IncidentsShown");
        Count(s.IncidentsSuppressed, summary, "IncidentsSuppressed");

        Items(model.Countries, root, "Countries", static (c, at) =>
        {
            Required(c.CountryCode, at, "CountryCode");
            Count(c.Flows, at, "Flows");
            Count(c.Bytes, at, "Bytes");
            Count(c.Packets, at, "Packets");
            Count(c.InsideHosts, at, "InsideHosts");
            Count(c.InboundFlows, at, "InboundFlows");
            Count(c.OutboundFlows, at, "OutboundFlows");
        });

        Required(model.Network, root, "Network");
        var network = new FieldPath(null, "Network", -1);
        var ids = new HashSet<string>(model.Network.Nodes?.Count ?? 0, StringComparer.Ordinal);
        Items(model.Network.Nodes, network, "Nodes", (n, at) =>
        {
            Required(n.Id, at, "Id");
            if (!ids.Add(n.Id))
                Fail($"{at.Field("Id")} '{n.Id}' appears twice; node ids must be unique");
            Count(n.Bytes, at, "Bytes");
            Finite(n.IncidentSeverity, at, "IncidentSeverity");
        });
        Items(model.Network.Edges, network, "Edges", static (e, at) =>
        {
            Required(e.Source, at, "Source");
            Required(e.Target, at, "Target");
            Count(e.Bytes, at, "Bytes");
            Count(e.Flows, at, "Flows");
        });

        Items(model.Hourly, root, "Hourly", static (p, at) =>
        {
            Count(p.Bytes, at, "Bytes");
            Count(p.Packets, at, "Packets");
            Count(p.Flows, at, "Flows");
            Finite(p.BaselineMean, at, "BaselineMean");
            Finite(p.BaselineLow, at, "BaselineLow");
            Finite(p.BaselineHigh, at, "BaselineHigh");
        });

        Items(model.Incidents, root, "Incidents", static (i, at) =>
        {
            Finite(i.Severity, at, "Severity");
            Required(i.Kind, at, "Kind");
            Required(i.Host, at, "Host");
            Required(i.Title, at, "Title");
            Required(i.Explanation, at, "Explanation");
            Items(i.Detectors, at, "Detectors", static (_, _) => { });
            if (i.LastNs < i.FirstNs)
                Fail($"{at.Field("LastNs")} ({i.LastNs}) is before FirstNs ({i.FirstNs})");
        });

        RankedItems(model.TopTalkers, root, "TopTalkers");
        RankedItems(model.TopPorts, root, "TopPorts");
        RankedItems(model.Protocols, root, "Protocols");
        Items(model.Attributions, root, "Attributions", static (_, _) => { });
    }

    private static void RankedItems(IReadOnlyList<RankedItem> items, FieldPath parent, string name) =>
        Items(items, parent, name, static (r, at) =>
        {
            Required(r.Key, at, "Key");
            Count(r.Bytes, at, "Bytes");
            Count(r.Packets, at, "Packets");
            Count(r.Flows, at, "Flows");
        });

    /// <summary>Checks a list is present, and each item is present and passes <paramref name="check"/>.</summary>
    private static void Items<T>(IReadOnlyList<T>? items, FieldPath parent, string name, Action<T, FieldPath> check)
    {
        Required(items, parent, name);
        var parentPath = parent.ToString();
        for (var i = 0; i < items!.Count; i++)
        {
            var at = new FieldPath(parentPath, name, i);
            var item = items[i];
            if (item is null)
                Fail($"{at} is null");
            check(item, at);
        }
    }

    private static void Count(long value, FieldPath at, string field)
    {
        if (value < 0)
            Fail($"{at.Field(field)} is {value}; counts cannot be negative");
    }

    private static void Finite(double? value, FieldPath at, string field)
    {
        if (value is { } v && !double.IsFinite(v))
            Fail($"{at.Field(field)} is {v}; it must be a finite number");
    }

    private static void Required(object? value, FieldPath at, string field)
    {
        if (value is null)
            Fail($"{at.Field(field)} is null");
    }

    private static void Fail(string message) => throw new ArgumentException($"report model: {message}", "model");

    /// <summary>Where a field sits ("Network.Nodes[5]"), formatted only when an error needs it.</summary>
    private readonly record struct FieldPath(string? Parent, string? Name, int Index)
    {
        public string Field(string field) => ToString() is { Length: > 0 } path ? $"{path}.{field}" : field;

        public override string ToString()
        {
            var name = string.IsNullOrEmpty(Parent) ? Name ?? string.Empty : Name is null ? Parent : $"{Parent}.{Name}";
            return Index >= 0 ? $"{name}[{Index}]" : name;
        }
    }
}
