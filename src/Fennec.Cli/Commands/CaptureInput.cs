using Fennec.Packets.Capture;

namespace Fennec.Cli.Commands;

/// <summary>Opens a capture named on the command line, turning failures into a message and an exit code.</summary>
internal static class CaptureInput
{
    public static CaptureReader? TryOpen(string path, CliIO io, string command, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        try
        {
            return path == "-" ? CaptureReader.Open(io.Input(), "-") : CaptureReader.Open(path);
        }
        catch (CaptureFormatException e)
        {
            io.Error.WriteLine($"fennec {command}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"fennec {command}: cannot open {path}: {e.Message}");
        }

        exitCode = ExitCodes.CannotOpen;
        return null;
    }
}
