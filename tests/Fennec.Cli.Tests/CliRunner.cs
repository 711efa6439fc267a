using System.Text;

namespace Fennec.Cli.Tests;

/// <summary>Runs the fennec command line in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>The output's lines, without the final empty one.</summary>
        public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(params string[] args) => RunWithInput([], args);

    public static Result RunWithInput(byte[] input, params string[] args)
    {
        var output = new MemoryStream();
        var error = new StringWriter();
        var io = new CliIO(output, error, () => new MemoryStream(input));
        var code = FennecCli.Run(args, io);
        io.OutputText.Flush();
        return new Result(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    public static string TempFile(byte[] contents, string extension = ".pcap")
    {
        var path = Path.Combine(Path.GetTempPath(), $"fennec-cli-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, contents);
        return path;
    }
}
