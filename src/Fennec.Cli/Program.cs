using Fennec.Cli;

return FennecCli.Run(args, CliIO.Console);
