using System.CommandLine;
using Fennec.Cli.Commands;

namespace Fennec.Cli;

/// <summary>The <c>fennec</c> command line: parses arguments and runs a command against the given streams.</summary>
public static class FennecCli
{
    /// <summary>Runs the command line and returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, CliIO io)
    {
        var root = new RootCommand(
            "Fennec: learn what a network normally looks like and flag, with evidence, what does not.\n\n" +
            "Exit codes: 0 success; 1 damaged or truncated input (what was readable was processed); 2 wrong usage;\n" +
            "3 an input or output could not be opened; 4 live capture failed.");
        // Only the command asked for is built: each builds its options, validators and actions, and building all
        // seven costs start-up time that a short run notices. Anything else (help, a typo) gets the full tree.
        var named = args.Length > 0 ? Array.Find(Commands, c => c.Name == args[0]) : default;
        foreach (var (name, create) in Commands)
        {
            if (named.Name is null || name == named.Name)
                root.Subcommands.Add(create(io));
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                io.Error.WriteLine($"fennec: {error.Message}");
            io.Error.WriteLine("Run 'fennec --help' (or 'fennec <command> --help') for usage.");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = io.OutputText, Error = io.Error });
    }

    /// <summary>The commands, in the order help lists them.</summary>
    private static readonly (string Name, Func<CliIO, Command> Create)[] Commands =
    [
        ("decode", DecodeCommand.Create),
        ("info", InfoCommand.Create),
        ("flows", FlowsCommand.Create),
        ("kitsune", KitsuneCommand.Create),
        ("collect", CollectCommand.Create),
        ("analyze", AnalyzeCommand.Create),
        ("simulate", SimulateCommand.Create),
    ];
}
