namespace Fennec.Simulation.Network;

/// <summary>What an inside host does.</summary>
public enum HostRole
{
    /// <summary>A user's machine: browses, resolves names, syncs time, reads files on the file server.</summary>
    Workstation,

    /// <summary>The resolver every inside host asks; it forwards misses to public resolvers.</summary>
    DnsResolver,

    /// <summary>The SMB-like file server on TCP 445.</summary>
    FileServer,

    /// <summary>The web server on TCP 443, reached from outside.</summary>
    WebServer,

    /// <summary>The SSH server on TCP 22, used by administrators inside and outside.</summary>
    SshServer,
}

/// <summary>An inside host.</summary>
/// <param name="Address">Its IPv4 address (host order).</param>
/// <param name="Role">What it does.</param>
public readonly record struct SimulatedHost(uint Address, HostRole Role)
{
    /// <summary>The address as dotted text.</summary>
    public string AddressText => SimulatedNetwork.Format(Address);
}
