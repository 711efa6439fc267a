namespace Fennec.Cli.Tests.Commands;

public sealed class CollectArgumentTests
{
    [Fact]
    public void Analyze_without_a_store_is_a_usage_error()
    {
        var result = CliRunner.Run("collect", "--analyze", "report.html", "--duration", "1");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("--analyze needs --db");
    }

    [Fact]
    public void An_unwritable_store_exits_with_3_naming_the_path()
    {
        var blocker = Path.Combine(Path.GetTempPath(), $"fennec-cli-{Guid.NewGuid():N}");
        File.WriteAllText(blocker, "a plain file where a directory should be");
        try
        {
            var db = Path.Combine(blocker, "collect.db");

            var result = CliRunner.Run("collect", "--db", db, "--duration", "1");

            result.ExitCode.Should().Be(ExitCodes.CannotOpen);
            result.Error.Should().Contain($"fennec collect: cannot create the store {db}: {blocker} is a file, not a directory");
            result.Output.Should().BeEmpty();
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_store_exits_with_3_and_is_left_alone()
    {
        var db = CliRunner.TempFile("not a database at all, just some text"u8.ToArray(), ".db");
        try
        {
            var result = CliRunner.Run("collect", "--db", db, "--duration", "1");

            result.ExitCode.Should().Be(ExitCodes.CannotOpen);
            result.Error.Should().Contain($"{db} is not a fennec store");
            File.ReadAllText(db).Should().Be("not a database at all, just some text");
        }
        finally
        {
            File.Delete(db);
        }
    }
}
