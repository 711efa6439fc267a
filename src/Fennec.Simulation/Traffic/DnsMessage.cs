using System.Buffers.Binary;

namespace Fennec.Simulation.Traffic;

/// <summary>
/// Minimal DNS messages: a query for the A record of name number n ("n&lt;n&gt;.example.com", a reserved domain)
/// and its answer with one address, so that DNS dissectors read them as real queries and answers.
/// </summary>
internal static class DnsMessage
{
    private const int HeaderLength = 12, QuestionTail = 4, AnswerRecordLength = 16;

    /// <summary>Bytes of the query for name <paramref name="name"/>.</summary>
    public static int QueryLength(uint name) => HeaderLength + NameLength(name) + QuestionTail;

    /// <summary>Bytes of the answer for name <paramref name="name"/>.</summary>
    public static int AnswerLength(uint name) => QueryLength(name) + AnswerRecordLength;

    public static void WriteQuery(Span<byte> destination, ushort id, uint name)
    {
        WriteHeader(destination, id, 0x0100, answers: 0);
        WriteQuestion(destination[HeaderLength..], name);
    }

    public static void WriteAnswer(Span<byte> destination, ushort id, uint name, uint address)
    {
        WriteHeader(destination, id, 0x8180, answers: 1);
        var at = HeaderLength + WriteQuestion(destination[HeaderLength..], name);
        var record = destination[at..];
        BinaryPrimitives.WriteUInt16BigEndian(record, 0xC00C); // the name: a pointer to the question's
        BinaryPrimitives.WriteUInt16BigEndian(record[2..], 1); // A
        BinaryPrimitives.WriteUInt16BigEndian(record[4..], 1); // IN
        BinaryPrimitives.WriteUInt32BigEndian(record[6..], 300); // TTL
        BinaryPrimitives.WriteUInt16BigEndian(record[10..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(record[12..], address);
    }

    private static void WriteHeader(Span<byte> destination, ushort id, ushort flags, ushort answers)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], flags);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], answers);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], 0);
    }

    private static int WriteQuestion(Span<byte> destination, uint name)
    {
        var digits = Digits(name);
        destination[0] = (byte)(digits + 1);
        destination[1] = (byte)'n';
        var value = name;
        for (var i = digits; i >= 1; i--)
        {
            destination[1 + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        var at = 2 + digits;
        "\u0007example\u0003com\0"u8.CopyTo(destination[at..]);
        at += 13;
        BinaryPrimitives.WriteUInt16BigEndian(destination[at..], 1); // A
        BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 2)..], 1); // IN
        return at + QuestionTail;
    }

    private static int NameLength(uint name) => 2 + Digits(name) + 13;

    private static int Digits(uint value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
