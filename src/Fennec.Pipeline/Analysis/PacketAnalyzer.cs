using System.Diagnostics;
using Fennec.Detection.Incidents;
using Fennec.Detection.KitNet;
using Fennec.Detection.Kitsune;
using Fennec.Features.Kitsune;
using Fennec.Features.Traffic;
using Fennec.Flows.Assembly;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Pipeline.Analysis;

/// <summary>
/// The packet path of <c>fennec analyze</c> in one pass: each packet is decoded once, then assembled into flows
/// (handed to the <see cref="FlowAnalyzer"/>) and scored by Kitsune (flagged packets counted per host and window).
/// <see cref="Finish"/> ends the flows and lets the flow analyzer run the flow detectors, merge every candidate
/// (Kitsune's included) into incidents and apply the alert budget. Captures are fed in capture-time order with
/// <see cref="Process"/>; everything runs on capture time.
/// </summary>
public sealed class PacketAnalyzer : IDisposable
{
    private readonly AnalysisOptions _options;
    private readonly FlowAnalyzer _flowAnalyzer;
    private readonly FlowTable _flows;
    private readonly KitsuneDetector? _kitsune;
    private readonly KitsuneWindows _windows;
    private readonly PacketFields _fields = new();
    private readonly DecodeStatistics _decoding = new();
    private readonly AnalysisTimings _timings = new();
    private long _packets;
    private long _scored;
    private long _flagged;
    private long _firstNs = long.MaxValue;
    private readonly Func<string> _explain;

    /// <summary>
    /// Creates an analyzer. <paramref name="learningPackets"/> is the number of packets in the learning period (it
    /// sets Kitsune's grace periods when no trained model is given); <paramref name="flowSink"/> receives every flow.
    /// </summary>
    public PacketAnalyzer(AnalysisOptions options, long learningPackets, IEnrichedFlowSink? flowSink = null)
    {
        _options = options;
        _flowAnalyzer = new FlowAnalyzer(options, flowSink);
        _flows = new FlowTable(_flowAnalyzer, options.Flows);
        _windows = new KitsuneWindows(options.KitsuneWindow);
        _explain = Explain;
        _kitsune = options.KitsuneModel ?? (options.Kitsune is null ? null : NewKitsune(options.Kitsune, learningPackets));
    }

    /// <summary>Packets read so far.</summary>
    public long Packets => _packets;

    /// <summary>Where the time went so far.</summary>
    public AnalysisTimings Timings => _timings;

    /// <summary>The Kitsune detector (to save as a model), or null when Kitsune is off.</summary>
    public KitsuneDetector? Kitsune => _kitsune;

    /// <summary>The traffic profile built so far.</summary>
    public TrafficProfile Profile => _flowAnalyzer.Profile;

    /// <summary>Reads every packet of <paramref name="capture"/>; <paramref name="progress"/> is called now and then with the packets read.</summary>
    /// <exception cref="CaptureFormatException">The capture is damaged; the packets before the damage were analysed.</exception>
    public void Process(CaptureReader capture, Action<long>? progress = null)
    {
        var now = Stopwatch.GetTimestamp();
        while (capture.TryRead(out var record))
        {
            PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
            _decoding.Add(packet);
            _packets++;
            _firstNs = Math.Min(_firstNs, packet.TimestampNs);
            now = _timings.Charge(AnalysisStage.ReadDecode, now);
            _flows.Add(packet);
            now = _timings.Charge(AnalysisStage.Flows, now);
            if (_kitsune is not null)
            {
                Score(packet);
                now = _timings.Charge(AnalysisStage.Kitsune, now);
            }
            if ((_packets & 0xFFFF) == 0)
                progress?.Invoke(_packets);
        }
        _timings.Charge(AnalysisStage.ReadDecode, now);
    }

    private void Score(in DecodedPacket packet)
    {
        PacketFieldExtractor.Extract(packet, _fields);
        var result = _kitsune!.Process(_fields);
        if (result.Phase != KitNetPhase.Executing || _kitsune.Threshold is not { } threshold || packet.IpVersion == 0)
            return;
        _scored++;
        if (result.IsAnomalous)
            _flagged++;
        var enricher = _flowAnalyzer.Enricher;
        var dstInside = enricher.IsInside(packet.DstIp);
        var host = dstInside || !enricher.IsInside(packet.SrcIp) ? packet.DstIp : packet.SrcIp;
        var peer = host == packet.DstIp ? packet.SrcIp : packet.DstIp;
        var sigmas = result.Score > 0 ? (Math.Log(result.Score) - threshold.LogMean) / threshold.LogStd : double.NegativeInfinity;
        _windows.Add(packet.TimestampNs, host, peer, result.IsAnomalous, sigmas, result.IsAnomalous ? _explain : null);
    }

    private string Explain()
    {
        var explanation = _kitsune!.Explain(_fields);
        return string.Join(", ", explanation.Members.SelectMany(m => m.Groups).Distinct().Take(3));
    }

    /// <summary>Ends every flow, runs the detectors over the whole run, builds the incidents and applies the budget.</summary>
    public AnalysisResult Finish()
    {
        var now = Stopwatch.GetTimestamp();
        _flows.Flush();
        now = _timings.Charge(AnalysisStage.Flows, now);

        var learnedUntil = _flowAnalyzer.LearnedUntil(_firstNs);
        IReadOnlyList<Candidate> kitsune = _kitsune?.Threshold is { } threshold ? _windows.Candidates(threshold.Probability) : [];
        var result = _flowAnalyzer.Finish(learnedUntil, kitsune, _timings) with
        {
            Packets = _packets,
            Decoding = _decoding,
            KitsuneScored = _scored,
            KitsuneFlagged = _flagged,
        };
        _timings.Charge(AnalysisStage.Detection, now);
        return result;
    }

    private static KitsuneDetector NewKitsune(KitsuneOptions options, long learningPackets)
    {
        // Kitsune counts its grace periods in packets: a tenth of the learning period maps the features, the rest
        // trains the autoencoders (with the reference's defaults as the floor for short captures).
        var learning = Math.Max(learningPackets, 2_000);
        var featureMap = Math.Clamp(learning / 10, 1_000, 100_000);
        var kitNet = options.KitNet with { FeatureMapGrace = featureMap, AnomalyDetectorGrace = Math.Max(1_000, learning - featureMap) };
        return new KitsuneDetector(options with { KitNet = kitNet });
    }

    /// <inheritdoc />
    public void Dispose() => _flows.Dispose();
}
