using Fennec.Flows.Collection.Templates;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection;

public sealed partial class TelemetryDecoder
{
    /// <summary>Learns the templates read into <see cref="_templates"/> and decodes any data sets held for them.</summary>
    private int LearnTemplates<TSink>(IpAddress source, ExporterState exporter, DomainState domain, ref TSink sink)
        where TSink : ITelemetrySink
    {
        var counters = exporter.Counters;
        var decoded = 0;
        foreach (var template in _templates)
        {
            if (domain.Templates.TryGetValue(template.Id, out var known))
            {
                // Exporters resend templates every few seconds; only a changed layout is news.
                if (known.SameLayout(template))
                    continue;
                counters.TemplatesRedefined++;
            }
            else if (domain.Templates.Count >= _options.MaxTemplatesPerDomain)
            {
                counters.Count(DecodeErrorKind.TemplateLimit);
                continue;
            }

            domain.Templates[template.Id] = template;
            counters.Templates++;
            decoded += ReplayHeld(source, exporter, domain, template, ref sink);
        }

        _templates.Clear();
        return decoded;
    }

    private int ReplayHeld<TSink>(IpAddress source, ExporterState exporter, DomainState domain, Template template, ref TSink sink)
        where TSink : ITelemetrySink
    {
        var decoded = 0;
        for (var i = 0; i < exporter.Held.Count; i++)
        {
            var held = exporter.Held[i];
            if (held.Domain != domain.Id || held.TemplateId != template.Id)
                continue;
            exporter.Held.RemoveAt(i--);
            exporter.HeldBytes -= held.Data.Length;
            exporter.Counters.SetsReplayed++;
            decoded += DecodeDataSet(held.Data, template, source, exporter, domain, held.Header, ref sink).Flows;
        }

        return decoded;
    }

    private void Withdraw(ExporterState exporter, DomainState domain, ushort setId)
    {
        foreach (var id in _withdrawn)
        {
            // RFC 7011 §8.1: withdrawing the set's own id (2 or 3) withdraws every template of that kind.
            if (id == setId)
            {
                var options = setId == 3;
                foreach (var (key, template) in domain.Templates.ToArray())
                {
                    if (template.IsOptions == options && domain.Templates.Remove(key))
                        exporter.Counters.TemplatesWithdrawn++;
                }
            }
            else if (domain.Templates.Remove(id))
            {
                exporter.Counters.TemplatesWithdrawn++;
            }
        }

        _withdrawn.Clear();
    }

    /// <summary>Keeps a data set whose template has not arrived yet, within the exporter's byte budget.</summary>
    private void Hold(ReadOnlySpan<byte> body, ushort templateId, ExporterState exporter, DomainState domain, in MessageHeader header)
    {
        exporter.ExpireHeld(header.ExportNs, (long)_options.HoldFor.TotalNanoseconds);
        if (body.Length > _options.MaxHeldBytesPerExporter)
        {
            exporter.Counters.Count(DecodeErrorKind.TemplateNeverArrived);
            return;
        }

        var drop = 0;
        var bytes = exporter.HeldBytes;
        while (bytes + body.Length > _options.MaxHeldBytesPerExporter)
            bytes -= exporter.Held[drop++].Data.Length;
        exporter.DropOldest(drop);
        exporter.Held.Add(new HeldSet(domain.Id, templateId, body.ToArray(), header));
        exporter.HeldBytes += body.Length;
        exporter.Counters.SetsHeldForTemplate++;
        // Records in a held set are not yet counted, so the next sequence number cannot be checked.
        domain.HasSequence = false;
    }

    /// <summary>Decodes the records of one data set; returns the flows handed on and all data records read.</summary>
    private (int Flows, int Records) DecodeDataSet<TSink>(ReadOnlySpan<byte> body, Template template, IpAddress source,
        ExporterState exporter, DomainState domain, in MessageHeader header, ref TSink sink)
        where TSink : ITelemetrySink
    {
        var counters = exporter.Counters;
        if (template.MinimumLength == 0)
        {
            // Only zero-length fields: records take no room, so there is no telling how many the set holds.
            counters.Count(DecodeErrorKind.BadTemplate);
            return (0, 0);
        }

        var flows = 0;
        var records = 0;
        var offset = 0;
        while (body.Length - offset >= template.MinimumLength)
        {
            var record = new TelemetryRecord
            {
                Protocol = header.Protocol,
                Exporter = source,
                ObservationDomain = domain.Id,
                TemplateId = template.Id,
                ExportNs = header.ExportNs,
                Direction = 255,
            };
            var extras = new RecordExtras();
            var used = RecordDecoder.Read(body[offset..], template, ref record, ref extras);
            if (used < 0)
            {
                counters.Count(DecodeErrorKind.TruncatedRecord);
                break;
            }

            if (extras.SectionLength > 0)
                PacketSection.Fill(ref record, body.Slice(offset + extras.SectionOffset, extras.SectionLength), extras.SectionIsIp, header.ExportNs);
            offset += used;
            records++;
            counters.EnterpriseFieldsSkipped += template.EnterpriseFields;
            if (template.IsOptions)
            {
                domain.LearnSampling(extras);
                if ((extras.Has & RecordExtras.Flags.SystemInit) != 0)
                    domain.SystemInitMs = extras.SystemInitMs;
                counters.OptionsRecords++;
                sink.OnOptionsRecord(record);
                continue;
            }

            RecordCompletion.Complete(ref record, extras, domain, header);
            ApplyDefaultSampling(ref record, counters);
            sink.OnRecord(record);
            flows++;
        }

        counters.Records += flows;
        return (flows, records);
    }
}
