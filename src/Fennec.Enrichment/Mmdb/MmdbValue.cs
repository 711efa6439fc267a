namespace Fennec.Enrichment.Mmdb;

/// <summary>
/// One decoded control byte: the field's type, where its payload starts in the file and its size (bytes for strings,
/// numbers and containers, pairs for maps, elements for arrays, the value for booleans). Pointers are already followed.
/// </summary>
public readonly record struct MmdbValue(MmdbType Type, int Offset, int Size);
