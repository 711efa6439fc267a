namespace Fennec.Flows.Collection;

/// <summary>Why part of a telemetry datagram could not be decoded; each kind is counted per exporter.</summary>
public enum DecodeErrorKind
{
    /// <summary>The datagram is shorter than its header.</summary>
    TruncatedHeader,

    /// <summary>The version field names no format Fennec decodes.</summary>
    UnknownVersion,

    /// <summary>A header length or count points past the end of the datagram.</summary>
    LengthBeyondDatagram,

    /// <summary>A set (flowset) length is shorter than a set header or runs past the datagram.</summary>
    BadSetLength,

    /// <summary>A template or options template is malformed (no fields, too many, or runs past its set).</summary>
    BadTemplate,

    /// <summary>A template was refused because its exporter already holds the most templates allowed.</summary>
    TemplateLimit,

    /// <summary>A data record ended before its template's fields did.</summary>
    TruncatedRecord,

    /// <summary>A field's length cannot hold what its element means (an IPv4 address in 3 bytes, say); the field is ignored.</summary>
    BadFieldLength,

    /// <summary>A data set waited for its template longer than allowed, or the waiting room was full, and was dropped.</summary>
    TemplateNeverArrived,

    /// <summary>An sFlow sample or record is malformed: a count or length that does not fit, or a field cut short.</summary>
    BadSample,

    /// <summary>A datagram came from a new exporter when the most exporters allowed were already known.</summary>
    ExporterLimit,

    /// <summary>An sFlow address (agent, next hop) has a type other than unknown, IPv4 or IPv6, so its length is unknown.</summary>
    BadAddressType,
}
