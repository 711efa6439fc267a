using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Fennec.Detection.Tests.KitNet;

/// <summary>One array read from a .npy file: its shape and its values as doubles.</summary>
internal sealed record NpyArray(int[] Shape, double[] Values);

/// <summary>
/// Reads NumPy .npz archives (a zip of .npy files): little-endian float64 and integer arrays in C order, enough for
/// the reference's saved models.
/// </summary>
internal static partial class NpyArchive
{
    public static Dictionary<string, NpyArray> Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            arrays[Path.GetFileNameWithoutExtension(entry.FullName)] = Parse(buffer.ToArray());
        }

        return arrays;
    }

    public static NpyArray Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 10 || file[0] != 0x93 || !file[1..6].SequenceEqual("NUMPY"u8))
            throw new InvalidDataException("not a .npy file");
        var major = file[6];
        int headerLength;
        int start;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(file[8..]);
            start = 10;
        }
        else
        {
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(file[8..]));
            start = 12;
        }

        var header = System.Text.Encoding.Latin1.GetString(file.Slice(start, headerLength));
        var descr = Descr().Match(header).Groups[1].Value;
        if (FortranOrder().Match(header).Groups[1].Value != "False")
            throw new InvalidDataException($"only C-order arrays are read: {header}");
        var shape = Shape().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        var count = shape.Aggregate(1, (a, b) => a * b);
        var data = file[(start + headerLength)..];
        var values = new double[count];
        for (var k = 0; k < count; k++)
        {
            values[k] = descr switch
            {
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(data[(k * 8)..]),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(data[(k * 8)..]),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(data[(k * 4)..]),
                _ => throw new InvalidDataException($"unsupported dtype {descr}"),
            };
        }

        return new NpyArray(shape, values);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order':\s*(True|False)")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex Shape();
}
