namespace Fennec.Flows.Collection.Templates;

/// <summary>The header fields of a v9 or IPFIX message that decoding its records needs.</summary>
internal readonly record struct MessageHeader(TelemetryProtocol Protocol, long ExportNs, uint SysUptimeMs);
