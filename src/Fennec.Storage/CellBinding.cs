using System.Text;

namespace Fennec.Storage;

/// <summary>
/// Binds one boxed cell of a generic row insert to a positional parameter through <see cref="SqliteNative"/>, with the
/// storage class Microsoft.Data.Sqlite would give it: NULL, INTEGER (integers and booleans), REAL or TEXT (UTF-8).
/// </summary>
internal static class CellBinding
{
    /// <summary>Binds <paramref name="value"/>; SQLITE_OK (0) or SQLite's code. <paramref name="scratch"/> holds long text and grows.</summary>
    /// <exception cref="ArgumentException">The value is of a type the store does not write.</exception>
    public static int Bind(IntPtr statement, int index, object? value, ref byte[] scratch) => value switch
    {
        null or DBNull => SqliteNative.BindNull(statement, index),
        string text => Text(statement, index, text, ref scratch),
        long number => SqliteNative.BindInt64(statement, index, number),
        int number => SqliteNative.BindInt64(statement, index, number),
        uint number => SqliteNative.BindInt64(statement, index, number),
        bool flag => SqliteNative.BindInt64(statement, index, flag ? 1 : 0),
        double real => SqliteNative.BindDouble(statement, index, real),
        _ => throw new ArgumentException($"parameter {index}: the store does not write values of type {value.GetType().Name}", nameof(value)),
    };

    private static int Text(IntPtr statement, int index, string text, ref byte[] scratch)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (scratch.Length < length)
            scratch = new byte[Math.Max(length, scratch.Length * 2)];
        length = Encoding.UTF8.GetBytes(text, scratch);
        // SQLite copies the text (SQLITE_TRANSIENT), so the buffer is free again when the call returns.
        return SqliteNative.BindText(statement, index, scratch.AsSpan(0, length));
    }
}
