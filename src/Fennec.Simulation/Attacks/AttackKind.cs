namespace Fennec.Simulation.Attacks;

/// <summary>The attacks the simulator can inject; each is a distinct behaviour, not a tagged packet.</summary>
public enum AttackKind
{
    /// <summary>One outside host SYN-scans about a thousand ports of an inside host in a minute or two.</summary>
    PortScan,

    /// <summary>Spoofed outside sources send SYNs to the web server's port 443 at over a thousand a second.</summary>
    SynFlood,

    /// <summary>One outside host opens hundreds of short SSH connections to the SSH server over about 20 minutes.</summary>
    BruteForce,

    /// <summary>An inside workstation uploads hundreds of megabytes to an outside host it never talked to.</summary>
    Exfiltration,

    /// <summary>Inside hosts exchange a few flows with a country never seen before in the capture.</summary>
    NewCountry,

    /// <summary>Outside reflectors send large UDP answers from ports 53, 123 or 11211 to one inside host.</summary>
    UdpAmplification,
}
