namespace Fennec.Reporting;

/// <summary>
/// Checks a model before anything is written, so a bad one fails with the field named ("Incidents[3].Severity is
/// NaN") instead of a broken page or a serialiser error.
/// </summary>
internal static class ReportModelValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot be drawn.</summary>
    public static void Validate(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        NotNull(model.Title, "Title");
        Items(model.Inputs, "Inputs", (input, path) => NotNull(input, path));
        NotNull(model.Summary, "Summary");
        if (model.CaptureLastNs < model.CaptureFirstNs)
            Fail($"CaptureLastNs ({model.CaptureLastNs}) is before CaptureFirstNs ({model.CaptureFirstNs})");
        var s = model.Summary;
        Counts("Summary", (s.Packets, "Packets"), (s.Bytes, "Bytes"), (s.Flows, "Flows"), (s.InsideHosts, "InsideHosts"),
            (s.OutsideHosts, "OutsideHosts"), (s.Countries, "Countries"), (s.IncidentsShown, "IncidentsShown"), (s.IncidentsSuppressed, "IncidentsSuppressed"));

        Items(model.Countries, "Countries", (c, path) =>
        {
            NotNull(c.CountryCode, path + ".CountryCode");
            Counts(path, (c.Flows, "Flows"), (c.Bytes, "Bytes"), (c.Packets, "Packets"), (c.InsideHosts, "InsideHosts"),
                (c.InboundFlows, "InboundFlows"), (c.OutboundFlows, "OutboundFlows"));
        });

        NotNull(model.Network, "Network");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Items(model.Network.Nodes, "Network.Nodes", (n, path) =>
        {
            NotNull(n.Id, path + ".Id");
            if (!ids.Add(n.Id))
                Fail($"{path}.Id '{n.Id}' appears twice; node ids must be unique");
            Counts(path, (n.Bytes, "Bytes"));
            Finite(n.IncidentSeverity, path + ".IncidentSeverity");
        });
        Items(model.Network.Edges, "Network.Edges", (e, path) =>
        {
            NotNull(e.Source, path + ".Source");
            NotNull(e.Target, path + ".Target");
            Counts(path, (e.Bytes, "Bytes"), (e.Flows, "Flows"));
        });

        Items(model.Hourly, "Hourly", (p, path) =>
        {
            Counts(path, (p.Bytes, "Bytes"), (p.Packets, "Packets"), (p.Flows, "Flows"));
            Finite(p.BaselineMean, path + ".BaselineMean");
            Finite(p.BaselineLow, path + ".BaselineLow");
            Finite(p.BaselineHigh, path + ".BaselineHigh");
        });

        Items(model.Incidents, "Incidents", (i, path) =>
        {
            Finite(i.Severity, path + ".Severity");
            NotNull(i.Kind, path + ".Kind");
            NotNull(i.Host, path + ".Host");
            NotNull(i.Title, path + ".Title");
            NotNull(i.Explanation, path + ".Explanation");
            Items(i.Detectors, path + ".Detectors", (d, p) => NotNull(d, p));
            if (i.LastNs < i.FirstNs)
                Fail($"{path}.LastNs ({i.LastNs}) is before FirstNs ({i.FirstNs})");
        });

        RankedItems(model.TopTalkers, "TopTalkers");
        RankedItems(model.TopPorts, "TopPorts");
        RankedItems(model.Protocols, "Protocols");
        Items(model.Attributions, "Attributions", (a, path) => NotNull(a, path));
    }

    private static void RankedItems(IReadOnlyList<RankedItem> items, string name) =>
        Items(items, name, (r, path) =>
        {
            NotNull(r.Key, path + ".Key");
            Counts(path, (r.Bytes, "Bytes"), (r.Packets, "Packets"), (r.Flows, "Flows"));
        });

    private static void Items<T>(IReadOnlyList<T>? items, string path, Action<T, string> check)
    {
        NotNull(items, path);
        for (var i = 0; i < items!.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var item = items[i];
            NotNull(item, itemPath);
            check(item, itemPath);
        }
    }

    private static void Counts(string path, params ReadOnlySpan<(long Value, string Field)> counts)
    {
        foreach (var (value, field) in counts)
        {
            if (value < 0)
                Fail($"{path}.{field} is {value}; counts cannot be negative");
        }
    }

    private static void Finite(double? value, string path)
    {
        if (value is { } v && !double.IsFinite(v))
            Fail($"{path} is {v}; it must be a finite number");
    }

    private static void NotNull(object? value, string path)
    {
        if (value is null)
            Fail($"{path} is null");
    }

    private static void Fail(string message) => throw new ArgumentException($"report model: {message}", "model");
}
