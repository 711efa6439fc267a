using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Fennec.Flows.Export;

/// <summary>
/// Where flows are exported: a format and a collector's UDP endpoint, written as <c>ipfix://HOST:PORT</c>,
/// <c>netflow9://HOST:PORT</c> or <c>netflow5://HOST:PORT</c>. HOST is a host name, an IPv4 address, or an IPv6
/// address in brackets (<c>ipfix://[::1]:4739</c>).
/// </summary>
public sealed record ExportTarget
{
    private const string Expected = "expected ipfix://HOST:PORT, netflow9://HOST:PORT or netflow5://HOST:PORT";

    /// <summary>Creates a target; the host is not resolved until the exporter starts.</summary>
    public ExportTarget(ExportProtocol protocol, string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Protocol = protocol;
        Host = host;
        Port = port;
    }

    /// <summary>The export format.</summary>
    public ExportProtocol Protocol { get; }

    /// <summary>The collector's host name or address (an IPv6 address without brackets).</summary>
    public string Host { get; }

    /// <summary>The collector's UDP port.</summary>
    public int Port { get; }

    /// <summary>The URI scheme of a format.</summary>
    public static string SchemeOf(ExportProtocol protocol) => protocol switch
    {
        ExportProtocol.NetFlowV5 => "netflow5",
        ExportProtocol.NetFlowV9 => "netflow9",
        ExportProtocol.Ipfix => "ipfix",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown export protocol"),
    };

    /// <summary>Parses a target; throws a <see cref="FormatException"/> that says what is wrong.</summary>
    public static ExportTarget Parse(string text) =>
        TryParse(text, out var target, out var error) ? target : throw new FormatException(error);

    /// <summary>Parses a target; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ExportTarget? target, out string error)
    {
        target = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"the export target is empty: {Expected}";
            return false;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            error = $"'{text}' has no scheme: {Expected}";
            return false;
        }

        var scheme = text[..schemeEnd];
        ExportProtocol protocol;
        if (scheme.Equals("ipfix", StringComparison.OrdinalIgnoreCase))
            protocol = ExportProtocol.Ipfix;
        else if (scheme.Equals("netflow9", StringComparison.OrdinalIgnoreCase))
            protocol = ExportProtocol.NetFlowV9;
        else if (scheme.Equals("netflow5", StringComparison.OrdinalIgnoreCase))
            protocol = ExportProtocol.NetFlowV5;
        else
        {
            error = $"unknown scheme '{scheme}' in '{text}': expected ipfix, netflow9 or netflow5";
            return false;
        }

        var rest = text[(schemeEnd + 3)..];
        if (rest.EndsWith('/'))
            rest = rest[..^1];
        if (rest.Contains('/', StringComparison.Ordinal) || rest.Contains('?', StringComparison.Ordinal) ||
            rest.Contains('@', StringComparison.Ordinal))
        {
            error = $"'{text}' has more than HOST:PORT after the scheme: {Expected}";
            return false;
        }

        if (!SplitHostPort(rest, text, out var host, out var portText, out error))
            return false;
        if (portText.Length == 0)
        {
            error = $"missing port in '{text}': expected {scheme}://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:PORT";
            return false;
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"bad port '{portText}' in '{text}': a port is a number from 1 to 65535";
            return false;
        }

        if (!IsValidHost(host, out var why))
        {
            error = $"bad host '{host}' in '{text}': {why}";
            return false;
        }

        target = new ExportTarget(protocol, host, port);
        error = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{SchemeOf(Protocol)}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static bool SplitHostPort(string rest, string text, out string host, out string port, out string error)
    {
        host = port = error = string.Empty;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"bad host in '{text}': an IPv6 address opened with '[' is not closed with ']'";
                return false;
            }

            host = rest[1..close];
            if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"bad host '[{host}]' in '{text}': brackets must hold an IPv6 address";
                return false;
            }

            var after = rest[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
            {
                error = $"bad host in '{text}': expected ':PORT' after ']'";
                return false;
            }

            port = after.Length > 0 ? after[1..] : string.Empty;
            return true;
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && rest.IndexOf(':', colon + 1) >= 0)
        {
            error = $"bad host in '{text}': an IPv6 address must be in brackets, as in ipfix://[::1]:4739";
            return false;
        }

        host = colon < 0 ? rest : rest[..colon];
        port = colon < 0 ? string.Empty : rest[(colon + 1)..];
        if (host.Length == 0)
        {
            error = $"missing host in '{text}': {Expected}";
            return false;
        }

        return true;
    }

    private static bool IsValidHost(string host, out string why)
    {
        why = string.Empty;
        if (host.Contains(':', StringComparison.Ordinal))
            return true; // An IPv6 literal, already checked between the brackets.

        // A name made only of digits and dots must be a dotted quad: "10.0.0.300" is a typo, not a host name.
        var numeric = true;
        foreach (var c in host)
            numeric &= char.IsAsciiDigit(c) || c == '.';
        if (numeric)
        {
            var parts = host.Split('.');
            foreach (var part in parts)
            {
                if (parts.Length != 4 || part.Length is 0 or > 3 || int.Parse(part, CultureInfo.InvariantCulture) > 255)
                {
                    why = "not a valid IPv4 address (four numbers from 0 to 255)";
                    return false;
                }
            }

            return true;
        }

        // A host name per RFC 1123: dot-separated labels of letters, digits and hyphens, none at a label's ends.
        if (host.Length > 253)
        {
            why = "a host name is at most 253 characters";
            return false;
        }

        foreach (var label in host.TrimEnd('.').Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                why = "each dot-separated label of a host name must have 1 to 63 characters";
                return false;
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                why = "a host name label cannot begin or end with '-'";
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    why = $"'{c}' is not allowed in a host name (letters, digits, '-' and '.')";
                    return false;
                }
            }
        }

        return true;
    }
}
