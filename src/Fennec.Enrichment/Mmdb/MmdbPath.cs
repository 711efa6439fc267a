using System.Text;

namespace Fennec.Enrichment.Mmdb;

/// <summary>
/// A path of map keys into a record ("country" then "iso_code"), held as UTF-8 so a lookup compares the file's key
/// bytes in place. Build one per field, once, and reuse it.
/// </summary>
public sealed class MmdbPath
{
    private readonly byte[][] _keys;

    /// <summary>A path of one or more keys.</summary>
    public MmdbPath(params string[] keys)
    {
        if (keys.Length == 0)
            throw new ArgumentException("a path needs at least one key", nameof(keys));
        Keys = keys;
        _keys = [.. keys.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>The keys as text.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The number of keys.</summary>
    public int Length => _keys.Length;

    /// <summary>A dotted path: "country.iso_code".</summary>
    public static MmdbPath Parse(string dotted) => new(dotted.Split('.'));

    /// <summary>The UTF-8 bytes of key <paramref name="index"/>.</summary>
    internal ReadOnlySpan<byte> Key(int index) => _keys[index];

    /// <inheritdoc />
    public override string ToString() => string.Join('.', Keys);
}
