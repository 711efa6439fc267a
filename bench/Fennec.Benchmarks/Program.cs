using BenchmarkDotNet.Running;
using Fennec.Benchmarks;

// `send-ipfix HOST:PORT RECORDS RATE` is the load driver of bench/load-collect.sh, `store-telemetry RECORDS [OPTIONS]
// [FOLDER]` its store half alone (see TelemetryStoreLoad); anything else goes to BenchmarkDotNet, where any of its switches work: --filter '*',
// --job short, --list flat, --memory.
if (args is ["send-ipfix", var target, var records, var rate, .. var options] && options.All(o => o == "--same-times"))
{
    return IpfixLoadSender.Run(target, long.Parse(records, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), risingTimes: options.Length == 0);
}

if (args is ["store-telemetry", var count, .. var rest])
{
    return TelemetryStoreLoad.Run(long.Parse(count, System.Globalization.CultureInfo.InvariantCulture), rising: !rest.Contains("--same-times"),
        backgroundCheckpoints: !rest.Contains("--inline-checkpoints"), rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
