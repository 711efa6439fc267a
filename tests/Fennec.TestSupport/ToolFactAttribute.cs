using Xunit;

namespace Fennec.TestSupport;

/// <summary>
/// A fact that runs external tools: skipped, when one is missing from PATH, with the reason shown at discovery; but
/// mandatory under CI=true, where the test fails with what to install (see <see cref="ExternalTools"/>).
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason from the presence of the tools.</summary>
    public ToolFactAttribute(params string[] tools)
    {
        Tools = tools;
        Skip = ExternalTools.SkipReason(tools);
    }

    /// <summary>The executables the test runs.</summary>
    public IReadOnlyList<string> Tools { get; }

    /// <summary>Set when the test also reads the shared corpus: then its absence skips the test too (outside CI).</summary>
    public bool NeedsCorpus
    {
        get => field;
        init => Skip = ExternalTools.SkipReason(Tools, field = value);
    }
}

/// <summary>The theory form of <see cref="ToolFactAttribute"/>.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason from the presence of the tools.</summary>
    public ToolTheoryAttribute(params string[] tools)
    {
        Tools = tools;
        Skip = ExternalTools.SkipReason(tools);
    }

    /// <summary>The executables the test runs.</summary>
    public IReadOnlyList<string> Tools { get; }

    /// <summary>Set when the test also reads the shared corpus: then its absence skips the test too (outside CI).</summary>
    public bool NeedsCorpus
    {
        get => field;
        init => Skip = ExternalTools.SkipReason(Tools, field = value);
    }
}
