using Xunit;

namespace Fennec.TestSupport;

/// <summary>
/// A fact that reads GeoIP data files (see <see cref="GeoIpData"/>) and optionally runs tools: skipped, with the
/// reason shown, when one is missing; mandatory under CI=true.
/// </summary>
public sealed class GeoIpFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason from the presence of the files (paths relative to the GeoIP folder).</summary>
    public GeoIpFactAttribute(params string[] files)
    {
        Files = files;
        Skip = GeoIpData.SkipReason(files);
    }

    /// <summary>The data files the test reads.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Executables the test also runs.</summary>
    public string[] Tools
    {
        get => field ?? [];
        init => Skip = ExternalTools.SkipReason(field = value) ?? GeoIpData.SkipReason([.. Files]);
    }
}
