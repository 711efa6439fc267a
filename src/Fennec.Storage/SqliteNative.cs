using System.Runtime.InteropServices;

namespace Fennec.Storage;

/// <summary>
/// The few SQLite calls the flow insert and the flow scan make per value, imported straight from the e_sqlite3 library that
/// SQLitePCLRaw loads. SQLitePCLRaw's own binds pass the statement as a SafeHandle (reference counting on every
/// call, about 40 ns each); these take the raw pointer and skip the GC transition, which is safe because a bind
/// only copies its value and never blocks or calls back (as does reading an integer column). Twenty-four binds a row made that the largest CPU cost.
/// The statement must stay alive (its SafeHandle referenced and not disposed) while these are called.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the text before the call returns, so a stack buffer may be passed.</summary>
    private static readonly IntPtr Transient = -1;

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static partial int BindInt64(IntPtr statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    [SuppressGCTransition]
    public static partial int BindDouble(IntPtr statement, int index, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static partial int BindNull(IntPtr statement, int index);

    /// <summary>Binds UTF-8 text (copied by SQLite); an empty span binds '' (not NULL).</summary>
    public static int BindText(IntPtr statement, int index, ReadOnlySpan<byte> utf8)
    {
        // A null pointer would bind NULL, so empty text points at a real (unused) byte.
        fixed (byte* text = utf8.IsEmpty ? " "u8 : utf8)
            return BindText(statement, index, text, utf8.Length, Transient);
    }

    /// <summary>
    /// Binds UTF-8 text that SQLite does not copy (SQLITE_STATIC): the bytes must stay where they are, unchanged,
    /// until the parameter is bound again or the statement is finalized, so only pinned memory may be passed.
    /// </summary>
    public static int BindStaticText(IntPtr statement, int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* text = utf8.IsEmpty ? " "u8 : utf8)
            return BindText(statement, index, text, utf8.Length, IntPtr.Zero);
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [SuppressGCTransition]
    private static partial int BindText(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    public static partial long ColumnInt64(IntPtr statement, int column);

    /// <summary>True when a column of the current row is NULL.</summary>
    public static bool ColumnIsNull(IntPtr statement, int column) => ColumnType(statement, column) == 5;

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    private static partial int ColumnType(IntPtr statement, int column);

    /// <summary>A column's value as UTF-8 text, valid until the next step; empty for NULL.</summary>
    public static ReadOnlySpan<byte> ColumnText(IntPtr statement, int column)
    {
        var text = ColumnTextPointer(statement, column);
        return text == null ? default : new ReadOnlySpan<byte>(text, ColumnBytes(statement, column));
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    private static partial byte* ColumnTextPointer(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    private static partial int ColumnBytes(IntPtr statement, int column);
}
