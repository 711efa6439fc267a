namespace Fennec.Simulation.Attacks;

/// <summary>The ground truth of one injected attack: a row of the label file.</summary>
/// <param name="Kind">What the attack is.</param>
/// <param name="StartNs">Time of its first packet, nanoseconds since the Unix epoch.</param>
/// <param name="EndNs">Time of its last packet.</param>
/// <param name="Attacker">The address(es) that open the attack's connections or send its traffic, separated by
/// ';', or empty when they are many spoofed or reflecting sources.</param>
/// <param name="Victim">The address(es) the attack is aimed at, separated by ';'.</param>
/// <param name="VictimPort">The port attacked, or null when there are many (a port scan).</param>
/// <param name="Packets">Packets of the attack in the capture, both directions.</param>
/// <param name="Description">A sentence saying what happened.</param>
public sealed record AttackLabel(
    AttackKind Kind, long StartNs, long EndNs, string Attacker, string Victim, int? VictimPort, long Packets, string Description)
{
    /// <summary>The start as a UTC time.</summary>
    public DateTime Start => DateTime.UnixEpoch.AddTicks(StartNs / 100);

    /// <summary>The end as a UTC time.</summary>
    public DateTime End => DateTime.UnixEpoch.AddTicks(EndNs / 100);
}
