namespace Fennec.Enrichment.Asn;

/// <summary>An autonomous system found for an address: its number and the index of its organisation's name.</summary>
/// <param name="Number">The AS number.</param>
/// <param name="OrganisationIndex">Index into <see cref="AsnRangeTable.Organisations"/>.</param>
public readonly record struct AsnMatch(uint Number, int OrganisationIndex);
