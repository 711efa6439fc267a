using System.CommandLine;

using Fennec.Cli.Output;

namespace Fennec.Cli.Commands;

/// <summary>Options and arguments shared by several commands.</summary>
internal static class CommonOptions
{
    public static Argument<string> Capture(string description, bool optional = false) => NoUnknownOptions(new Argument<string>("capture")
    {
        Description = description,
        Arity = optional ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
    });

    /// <summary>
    /// Refuses an input that looks like an option and names no file: the parser hands a misspelt option to an input
    /// argument that still wants a value, and "cannot open --bogus" would hide the mistake. A file whose name starts
    /// with a dash is still read (given as ./-name, or when it exists); "-" alone is standard input.
    /// </summary>
    public static T NoUnknownOptions<T>(T argument)
        where T : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                    result.AddError($"unknown option '{token.Value}' (see --help; a file of that name is read when given as ./{token.Value})");
            }
        });
        return argument;
    }

    public static Option<OutputFormat> Format() => new("--format", "-f")
    {
        Description = "Output format: csv (with a header line) or jsonl (one JSON object per line).",
        DefaultValueFactory = _ => OutputFormat.Csv,
    };
}
