using Xunit;

namespace Fennec.TestSupport;

/// <summary>A fact that reads ../shared: skipped with a visible reason when it is absent, mandatory under CI=true.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason from the presence of the shared folder.</summary>
    public CorpusFactAttribute()
    {
        if (SharedData.SkipReason is { } reason)
            Skip = reason;
    }
}

/// <summary>A theory that reads ../shared: skipped with a visible reason when it is absent, mandatory under CI=true.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets the skip reason from the presence of the shared folder.</summary>
    public CorpusTheoryAttribute()
    {
        if (SharedData.SkipReason is { } reason)
            Skip = reason;
    }
}
