using System.Diagnostics;
using Fennec.TestSupport;

namespace Fennec.Storage.Tests;

/// <summary>The store is meant to be read by people with the <c>sqlite3</c> shell: flows and their ISO times through the views.</summary>
public sealed class SqliteShellTests
{
    [ToolFact("sqlite3")]
    public void The_sqlite3_shell_reads_flows_with_text_addresses_and_ISO_times()
    {
        using var temp = new TempStore();
        var path = temp.File();
        using (var store = FennecStore.Open(path))
        {
            var run = store.BeginRun(TempStore.Run());
            using var writer = store.CreateFlowWriter(run, "eth0");
            writer.Add(TempStore.Flow(0));
            writer.Add(TempStore.Flow(1));
        }

        var output = Sqlite3(path, "SELECT sensor, first_time, src_ip, dst_ip, dst_port, bytes_rev, src_country, state FROM flows_view ORDER BY first_ns;");

        output.Should().Equal(
            "eth0|2024-05-06T12:53:20.000Z|10.0.0.0|8.8.8.8|443|5000000000||",
            "eth0|2024-05-06T12:53:20.001Z|2001:db8::1|2606:4700::1111|443|5000001400|DE|SF");
        Sqlite3(path, "PRAGMA user_version;").Should().Equal(FennecStore.LatestSchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string[] Sqlite3(string path, string sql)
    {
        var start = new ProcessStartInfo(ExternalTools.Require("sqlite3", "sqlite3"), ["-readonly", path, sql])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
