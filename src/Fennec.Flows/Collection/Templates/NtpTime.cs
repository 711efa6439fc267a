namespace Fennec.Flows.Collection.Templates;

/// <summary>
/// IPFIX's dateTimeMicroseconds and dateTimeNanoseconds (RFC 7011 §6.1.9–10): NTP format, seconds since 1900 in
/// the high 32 bits and a binary fraction in the low 32 (for microseconds its low 11 bits are to be ignored).
/// </summary>
internal static class NtpTime
{
    /// <summary>Seconds from 1900-01-01 (the NTP era) to 1970-01-01.</summary>
    public const long UnixEpochOffset = 2_208_988_800;

    public static long ToUnixNs(ulong ntp, bool microseconds)
    {
        var seconds = (long)(ntp >> 32) - UnixEpochOffset;
        var fraction = ntp & 0xFFFF_FFFFUL;
        if (microseconds)
            fraction &= ~0x7FFUL;
        return seconds * 1_000_000_000 + (long)((fraction * 1_000_000_000UL) >> 32);
    }
}
