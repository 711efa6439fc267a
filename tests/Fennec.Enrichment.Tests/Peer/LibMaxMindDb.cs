using System.Runtime.InteropServices;

namespace Fennec.Enrichment.Tests.Peer;

/// <summary>
/// libmaxminddb (Debian's libmaxminddb0, which mmdblookup is a thin front end to), called in process so tens of
/// thousands of lookups take a second instead of a process each. Records are printed by the library's own
/// MMDB_dump_entry_data_list, the function mmdblookup prints with, so the output parses as mmdblookup's does.
/// </summary>
internal static unsafe partial class LibMaxMindDb
{
    private const string Library = "libmaxminddb.so.0";
    private const uint MmapMode = 1;

    /// <summary>
    /// Looks up each address and returns the text: per address a line "@@ found NETMASK" or "@@ none NETMASK",
    /// then for a found one the record as mmdblookup prints it.
    /// </summary>
    public static string Dump(string database, IReadOnlyList<string> addresses)
    {
        // MMDB_s is a few hundred bytes; a zeroed page is ample and avoids mirroring its layout.
        var mmdb = NativeMemory.AllocZeroed(4096);
        var output = Path.GetTempFileName();
        try
        {
            var status = MMDB_open(database, MmapMode, mmdb);
            if (status != 0)
                throw new InvalidOperationException($"MMDB_open({database}) failed with {status}");
            var stream = fopen(output, "w");
            try
            {
                foreach (var address in addresses)
                {
                    var result = MMDB_lookup_string(mmdb, address, out var gaiError, out var mmdbError);
                    if (gaiError != 0 || mmdbError != 0)
                        throw new InvalidOperationException($"libmaxminddb could not look up {address}: {gaiError}/{mmdbError}");
                    fputs($"@@ {(result.Found != 0 ? "found" : "none")} {result.Netmask}\n", stream);
                    if (result.Found == 0)
                        continue;
                    var entry = result.Entry;
                    if (MMDB_get_entry_data_list(&entry, out var list) != 0)
                        throw new InvalidOperationException($"libmaxminddb could not read the record of {address}");
                    MMDB_dump_entry_data_list(stream, list, 2);
                    MMDB_free_entry_data_list(list);
                }
            }
            finally
            {
                fclose(stream);
                MMDB_close(mmdb);
            }

            return File.ReadAllText(output);
        }
        finally
        {
            NativeMemory.Free(mmdb);
            File.Delete(output);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        public nint Mmdb;
        public uint Offset;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct LookupResult
    {
        public byte Found;
        public Entry Entry;
        public ushort Netmask;
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MMDB_open(string path, uint flags, void* mmdb);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial LookupResult MMDB_lookup_string(void* mmdb, string address, out int gaiError, out int mmdbError);

    [LibraryImport(Library)]
    private static partial int MMDB_get_entry_data_list(Entry* start, out nint list);

    [LibraryImport(Library)]
    private static partial int MMDB_dump_entry_data_list(nint stream, nint list, int indent);

    [LibraryImport(Library)]
    private static partial void MMDB_free_entry_data_list(nint list);

    [LibraryImport(Library)]
    private static partial void MMDB_close(void* mmdb);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint fopen(string path, string mode);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int fputs(string text, nint stream);

    [LibraryImport("libc")]
    private static partial int fclose(nint stream);
}
