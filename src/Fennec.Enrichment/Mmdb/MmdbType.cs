namespace Fennec.Enrichment.Mmdb;

/// <summary>The data section's field types, numbered as the format numbers them.</summary>
public enum MmdbType : byte
{
    /// <summary>Not a type: the control byte's marker for a type held in the next byte.</summary>
    Extended = 0,

    /// <summary>A reference to another field in the same section.</summary>
    Pointer = 1,

    /// <summary>A UTF-8 string.</summary>
    Utf8String = 2,

    /// <summary>An IEEE 754 double (8 bytes, big-endian).</summary>
    Double = 3,

    /// <summary>Raw bytes.</summary>
    Bytes = 4,

    /// <summary>An unsigned 16-bit integer (0 to 2 bytes).</summary>
    UInt16 = 5,

    /// <summary>An unsigned 32-bit integer (0 to 4 bytes).</summary>
    UInt32 = 6,

    /// <summary>A map of string keys to fields; the size is the number of pairs.</summary>
    Map = 7,

    /// <summary>A signed 32-bit integer (0 to 4 bytes).</summary>
    Int32 = 8,

    /// <summary>An unsigned 64-bit integer (0 to 8 bytes).</summary>
    UInt64 = 9,

    /// <summary>An unsigned 128-bit integer (0 to 16 bytes).</summary>
    UInt128 = 10,

    /// <summary>An array of fields; the size is the number of elements.</summary>
    Array = 11,

    /// <summary>A writer's region of shared values reached only through pointers; the size is its length in bytes.</summary>
    DataCacheContainer = 12,

    /// <summary>Marks the end of the data section; carries nothing.</summary>
    EndMarker = 13,

    /// <summary>A boolean held in the size bits.</summary>
    Boolean = 14,

    /// <summary>An IEEE 754 single (4 bytes, big-endian).</summary>
    Float = 15,
}
