using System.Text;

namespace Fennec.Cli.Tests;

/// <summary>The outcome of one in-process run of the command line.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <c>fennec</c> with <paramref name="args"/> against memory streams (no standard input).</summary>
    public static CliRun Of(params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var exit = FennecCli.Run(args, new CliIO(output, error, () => Stream.Null));
        return new CliRun(exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    /// <summary>The output's lines, without the final empty one.</summary>
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
