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
    // Packets wait here until a block is full (or the capture ends), then are scored together: where they were seen
    // from (host and peer, decided when each arrived) and whether they count (IP only).
    private readonly PacketFields[] _block;
    private readonly (long Ns, IpAddress Host, IpAddress Peer, bool Counts)[] _blockPackets;
    private readonly KitsuneResult[] _blockResults;
    private int _waiting;
    private int _explaining;
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
        _block = new PacketFields[KitsuneDetector.BlockSize];
        for (var k = 0; k < _block.Length; k++)
            _block[k] = new PacketFields();
        _blockPackets = new (long, IpAddress, IpAddress, bool)[_block.Length];
        _blockResults = new KitsuneResult[_block.Length];
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
        try
        {
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
        }
        finally
        {
            // The packets before the end (or before damage) are scored too.
            now = _timings.Charge(AnalysisStage.ReadDecode, now);
            ScoreWaiting();
            _timings.Charge(AnalysisStage.Kitsune, now);
        }
    }

    private void Score(in DecodedPacket packet)
    {
        PacketFieldExtractor.Extract(packet, _block[_waiting]);
        var enricher = _flowAnalyzer.Enricher;
        var dstInside = enricher.IsInside(packet.DstIp);
        var host = dstInside || !enricher.IsInside(packet.SrcIp) ? packet.DstIp : packet.SrcIp;
        var peer = host == packet.DstIp ? packet.SrcIp : packet.DstIp;
        _blockPackets[_waiting++] = (packet.TimestampNs, host, peer, packet.IpVersion != 0);
        if (_waiting == _block.Length)
            ScoreWaiting();
    }

    private void ScoreWaiting()
    {
        if (_waiting == 0)
            return;
        var count = _waiting;
        _waiting = 0;
        _kitsune!.Process(_block.AsSpan(0, count), _blockResults);
        for (var k = 0; k < count; k++)
        {
            var result = _blockResults[k];
            var (ns, host, peer, counts) = _blockPackets[k];
            if (result.Phase != KitNetPhase.Executing || _kitsune.Threshold is not { } threshold || !counts)
                continue;
            _scored++;
            if (result.IsAnomalous)
                _flagged++;
            var sigmas = result.Score > 0 ? (Math.Log(result.Score) - threshold.LogMean) / threshold.LogStd : double.NegativeInfinity;
            _explaining = k;
            _windows.Add(ns, host, peer, result.IsAnomalous, sigmas, result.IsAnomalous ? _explain : null);
        }
    }

    private string Explain()
    {
        var explanation = _kitsune!.ExplainBlock(_explaining, _block[_explaining]);
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
