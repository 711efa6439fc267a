namespace Fennec.Packets.Decoding;

/// <summary>Allocation-free text forms of addresses.</summary>
internal static class AddressFormatter
{
    public static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    public static bool TryFormat(in IpAddress address, Span<char> destination, out int written)
    {
        written = 0;
        if (address.IsIPv4)
            return TryFormatIPv4(address.IPv4Value, destination, out written);
        if (destination.Length < 39)
            return false;

        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 4; i++)
        {
            groups[i] = (ushort)(address.High >> (48 - (16 * i)));
            groups[i + 4] = (ushort)(address.Low >> (48 - (16 * i)));
        }

        // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < 8;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < 8 && groups[i] == 0)
                i++;
            if (i - start > bestLength && i - start >= 2)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        var at = 0;
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                destination[at++] = ':';
                if (i == 0)
                    destination[at++] = ':';
                i += bestLength - 1;
                continue;
            }

            WriteGroup(groups[i], destination, ref at);
            if (i < 7)
                destination[at++] = ':';
        }

        written = at;
        return true;
    }

    private static void WriteGroup(ushort group, Span<char> destination, ref int at)
    {
        var started = false;
        for (var shift = 12; shift >= 0; shift -= 4)
        {
            var nibble = (group >> shift) & 0xF;
            if (nibble == 0 && !started && shift != 0)
                continue;
            started = true;
            destination[at++] = HexDigit(nibble);
        }
    }

    public static bool TryFormatIPv4(uint value, Span<char> destination, out int written)
    {
        written = 0;
        if (destination.Length < 15)
            return false;
        var at = 0;
        for (var i = 3; i >= 0; i--)
        {
            var octet = (int)(value >> (8 * i)) & 0xFF;
            if (octet >= 100)
                destination[at++] = (char)('0' + (octet / 100));
            if (octet >= 10)
                destination[at++] = (char)('0' + (octet / 10 % 10));
            destination[at++] = (char)('0' + (octet % 10));
            if (i > 0)
                destination[at++] = '.';
        }

        written = at;
        return true;
    }
}
