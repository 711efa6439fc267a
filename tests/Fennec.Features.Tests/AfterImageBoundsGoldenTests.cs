using Fennec.Features.AfterImage;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Features.Tests;

/// <summary>How far the features move from the reference's when AfterImage runs in bounded memory.</summary>
public sealed class AfterImageBoundsGoldenTests(ITestOutputHelper output)
{
    [CorpusTheory]
    [InlineData("ppa_ftp_crack", 1e-6, null)]
    [InlineData("kitsune_mirai_prefix", 1e-6, null)]
    [InlineData("ppa_ftp_crack", null, 256)]
    [InlineData("kitsune_mirai_prefix", null, 2048)]
    [InlineData("kitsune_mirai_prefix", 1e-3, 1024)]
    public void Bounded_features_stay_finite_and_the_difference_is_measured(string capture, double? expiry, int? maxStreams)
    {
        var golden = KitsuneGolden.Load(capture);
        var expected = golden.AllFeatures();
        var rows = golden.ParsedFields();
        var extractor = new AfterImageExtractor(new AfterImageOptions { ExpiryWeight = expiry, MaxStreamsPerTable = maxStreams });
        var features = new double[100];
        long cells = 0, differing = 0, rowsDiffering = 0;
        var worst = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            extractor.Update(KitsuneGolden.ToFields(rows[i]), features);
            var rowDiffers = false;
            for (var c = 0; c < 100; c++)
            {
                cells++;
                if (!double.IsFinite(features[c]))
                    throw new Xunit.Sdk.XunitException($"packet {i} column {c} is {features[c]}");
                var e = expected[(i * 100) + c];
                if (BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(features[c]))
                    continue;
                differing++;
                rowDiffers = true;
                worst = Math.Max(worst, Math.Abs(features[c] - e) / Math.Max(Math.Abs(e), 1e-12));
            }

            rowsDiffering += rowDiffers ? 1 : 0;
        }

        var s = extractor.Statistics;
        if (maxStreams is { } bound)
            s.PeakStreams.Should().BeLessThanOrEqualTo(4L * bound);
        output.WriteLine($"{capture} expiry {expiry?.ToString() ?? "off"} bound {maxStreams?.ToString() ?? "off"}: " +
                         $"{differing} of {cells} cells ({rowsDiffering} of {rows.Count} packets) differ, largest relative difference {worst:E2}; " +
                         $"{s.Expired} expired, {s.Evicted} evicted, peak {s.PeakStreams} streams (unbounded: see the golden test)");
    }
}
