namespace Fennec.Cli;

/// <summary>What the process exit status means; documented in the README and in --help.</summary>
public static class ExitCodes
{
    /// <summary>Everything was read and written.</summary>
    public const int Success = 0;

    /// <summary>The input is damaged or cut short: what could be read was processed, the rest could not be.</summary>
    public const int DamagedInput = 1;

    /// <summary>The command line is wrong (unknown option, bad value, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>An input or output could not be opened (missing file, permission, not a capture).</summary>
    public const int CannotOpen = 3;

    /// <summary>Live capture failed (no such interface, no permission, libpcap missing).</summary>
    public const int LiveCaptureFailed = 4;
}
