using Fennec.Detection.KitNet;

namespace Fennec.Cli.Output;

/// <summary>
/// A one-line progress report (packets, packets per second, phase) rewritten in place on an interactive terminal's
/// standard error; silent when standard error is redirected or the command runs in-process.
/// </summary>
internal sealed class ProgressLine(CliIO io) : IDisposable
{
    private readonly bool _enabled = ReferenceEquals(io, CliIO.Console) && !Console.IsErrorRedirected;
    private bool _shown;
    private TimeSpan _last;

    public void Show(long packets, TimeSpan elapsed, KitNetPhase phase)
    {
        Show(packets, elapsed, phase switch
        {
            KitNetPhase.MappingFeatures => "learning the feature map",
            KitNetPhase.Training => "training",
            _ => "scoring",
        });
    }

    public void Show(long packets, TimeSpan elapsed, string what, string unit = "packets")
    {
        if (!_enabled || elapsed - _last < TimeSpan.FromSeconds(0.5) || elapsed < TimeSpan.FromSeconds(1))
            return;
        _last = elapsed;
        var rate = packets / elapsed.TotalSeconds;
        io.Error.Write($"\r  {packets,12:N0} {unit}  {rate,10:N0} {unit}/s  {what}    ");
        _shown = true;
    }

    public void Dispose()
    {
        if (_shown)
            io.Error.Write("\r" + new string(' ', 72) + "\r");
    }
}
