using System.CommandLine;

using Fennec.Cli.Output;

namespace Fennec.Cli.Commands;

/// <summary>Options and arguments shared by several commands.</summary>
internal static class CommonOptions
{
    public static Argument<string> Capture(string description, bool optional = false) => new("capture")
    {
        Description = description,
        Arity = optional ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
    };

    public static Option<OutputFormat> Format() => new("--format", "-f")
    {
        Description = "Output format: csv (with a header line) or jsonl (one JSON object per line).",
        DefaultValueFactory = _ => OutputFormat.Csv,
    };
}
