using BenchmarkDotNet.Running;
using Fennec.Benchmarks;

// `send-ipfix HOST:PORT RECORDS RATE` is the load driver of bench/load-collect.sh, `store-telemetry RECORDS [FOLDER]`
// its store half alone; anything else goes to BenchmarkDotNet, where any of its switches work: --filter '*',
// --job short, --list flat, --memory.
if (args is ["send-ipfix", var target, var records, var rate])
    return IpfixLoadSender.Run(target, long.Parse(records, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));
if (args is ["store-telemetry", var count, ..] && args.Length <= 3)
    return TelemetryStoreLoad.Run(long.Parse(count, System.Globalization.CultureInfo.InvariantCulture), args.Length == 3 ? args[2] : null);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
