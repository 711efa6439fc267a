namespace Fennec.Cli.Output;

/// <summary>Line-oriented output formats.</summary>
public enum OutputFormat
{
    /// <summary>Comma-separated values with a header line.</summary>
    Csv,

    /// <summary>JSON Lines: one object per line.</summary>
    Jsonl,
}
