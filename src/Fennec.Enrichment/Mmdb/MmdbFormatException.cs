namespace Fennec.Enrichment.Mmdb;

/// <summary>
/// A MaxMind DB file that does not follow the format: bad metadata, a pointer or record outside its section, an
/// unknown type, truncated data, or a search tree that never reaches a record. Names the file and the byte offset.
/// </summary>
public sealed class MmdbFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/> at <paramref name="offset"/>.</summary>
    public MmdbFormatException(string fileName, long offset, string reason)
        : base($"{fileName}: at offset {offset}: {reason}")
    {
        FileName = fileName;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The file (or the name given to an in-memory database).</summary>
    public string FileName { get; }

    /// <summary>The byte offset in the file where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the file and offset.</summary>
    public string Reason { get; }
}
