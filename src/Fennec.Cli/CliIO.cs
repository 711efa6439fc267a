namespace Fennec.Cli;

/// <summary>The streams a command reads and writes, so tests can run commands in-process.</summary>
/// <param name="Output">Standard output as bytes (row data goes here).</param>
/// <param name="Error">Standard error (diagnostics, progress).</param>
/// <param name="Input">Opens standard input.</param>
public sealed record CliIO(Stream Output, TextWriter Error, Func<Stream> Input)
{
    /// <summary>The process's own standard streams.</summary>
    public static CliIO Console { get; } = new(
        System.Console.OpenStandardOutput(), System.Console.Error, System.Console.OpenStandardInput);

    /// <summary>A text view of <see cref="Output"/> for summaries and help.</summary>
    public TextWriter OutputText { get; } = new StreamWriter(Output, leaveOpen: true) { AutoFlush = true };
}
