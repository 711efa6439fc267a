namespace Fennec.Flows.Collection.Templates;

/// <summary>A data set that arrived before its template, kept with the header fields needed to decode it later.</summary>
internal sealed record HeldSet(uint Domain, ushort TemplateId, byte[] Data, MessageHeader Header);
