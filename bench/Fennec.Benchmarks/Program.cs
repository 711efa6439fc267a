using BenchmarkDotNet.Running;

// Any BenchmarkDotNet switch works here: --filter '*', --job short, --list flat, --memory.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
