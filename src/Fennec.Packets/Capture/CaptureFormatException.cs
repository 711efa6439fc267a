namespace Fennec.Packets.Capture;

/// <summary>
/// A capture file that cannot be read further: names the source and the byte offset where reading stopped. Records
/// before that offset have already been delivered.
/// </summary>
public sealed class CaptureFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CaptureFormatException(string source, long offset, string problem)
        : base($"{source}: at byte offset {offset}: {problem}")
    {
        SourceName = source;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The file name, or "-" for standard input.</summary>
    public string SourceName { get; }

    /// <summary>Byte offset in the (decompressed) capture where the problem starts.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
