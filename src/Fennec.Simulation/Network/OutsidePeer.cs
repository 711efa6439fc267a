namespace Fennec.Simulation.Network;

/// <summary>An outside address of normal traffic: a service inside hosts use, or a client of the web server.</summary>
/// <param name="Address">IPv4 address, host order.</param>
/// <param name="Country">The country of the network it was drawn from.</param>
/// <param name="RttNs">Round-trip time from the gateway, nanoseconds.</param>
/// <param name="MedianResponse">Typical bytes it sends back per request.</param>
/// <param name="BytesPerSecond">How fast it sends a large response.</param>
/// <param name="Name">The number of its DNS name.</param>
internal readonly record struct OutsidePeer(uint Address, string Country, long RttNs, double MedianResponse, double BytesPerSecond, uint Name);

/// <summary>A workstation's habits: what it does in a full office hour and whom it talks to. Repeats day to day.</summary>
internal sealed class WorkstationHabits
{
    /// <summary>HTTPS sessions in a full office hour.</summary>
    public required double SessionsPerHour { get; init; }

    /// <summary>Sessions to the file server in a full office hour.</summary>
    public required double FileSessionsPerHour { get; init; }

    /// <summary>Scales the response sizes of this user.</summary>
    public required double VolumeScale { get; init; }

    /// <summary>Indices into the service pool of the peers this host uses.</summary>
    public required int[] Peers { get; init; }

    /// <summary>Cumulative weights over <see cref="Peers"/>.</summary>
    public required double[] PeerWeights { get; init; }

    /// <summary>The service pool index of the update/telemetry peer it polls day and night.</summary>
    public required int BackgroundPeer { get; init; }

    /// <summary>The index of the NTP server it polls.</summary>
    public required int NtpServer { get; init; }

    /// <summary>When in the 1024-second poll cycle it asks for the time, nanoseconds.</summary>
    public required long NtpPhaseNs { get; init; }
}
