using System.IO.Compression;
using Fennec.TestSupport;

namespace Fennec.Packets.Tests.Corpus;

/// <summary>Finds the capture files of the shared corpus by their magic bytes (names lie: some .pcap files are CSV).</summary>
internal static class CorpusCaptures
{
    private static readonly uint[] Magics = [0xA1B2C3D4, 0xD4C3B2A1, 0xA1B23C4D, 0x4D3CB2A1, 0xA1B2CD34, 0x34CDB2A1, 0x0A0D0D0A];

    public static IReadOnlyList<string> All()
    {
        var corpus = SharedData.RequireCorpus();
        return Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(IsCapture)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
    }

    public static string Relative(string path) => Path.GetRelativePath(SharedData.RequireCorpus(), path);

    private static bool IsCapture(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
            return false;
        if (head[0] == 0x1F && head[1] == 0x8B)
        {
            stream.Position = 0;
            try
            {
                using var gzip = new GZipStream(stream, CompressionMode.Decompress);
                if (gzip.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
                    return false;
            }
            catch (InvalidDataException)
            {
                return false;
            }
        }

        var magic = (uint)(head[0] << 24 | head[1] << 16 | head[2] << 8 | head[3]);
        return Magics.Contains(magic);
    }
}
