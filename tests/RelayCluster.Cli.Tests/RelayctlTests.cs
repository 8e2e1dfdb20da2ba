namespace RelayCluster.Cli.Tests;

public class RelayctlTests
{
    [Theory]
    [InlineData("confg check relay.hocon", "config")]
    [InlineData("config chek relay.hocon", "check")]
    [InlineData("config rendr relay.hocon", "render")]
    [InlineData("clustr show", "cluster")]
    [InlineData("rules aply -f rules.hocon", "apply")]
    [InlineData("upstreams dran game 10.0.0.11:27015", "drain")]
    [InlineData("sesions count", "sessions")]
    public async Task Run_MistypedCommand_ExitsTwoAndSuggestsTheNearest(string commandLine, string suggestion)
    {
        var (exitCode, output, error) = await CliRun.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.Contains("Did you mean", output + error, StringComparison.Ordinal);
        Assert.Contains(suggestion, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config check")]
    [InlineData("config")]
    [InlineData("config check a.hocon --bogus")]
    [InlineData("--node not-a-url config check a.hocon")]
    [InlineData("rules apply")]
    [InlineData("rules show")]
    [InlineData("upstreams drain game")]
    [InlineData("sessions list --limit -1")]
    [InlineData("sessions list --limit many")]
    [InlineData("cluster down")]
    public async Task Run_BadCommandLine_ExitsTwo(string commandLine)
    {
        var (exitCode, _, error) = await CliRun.RunAsync(commandLine.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Run_NoArguments_PrintsHelpAndExitsTwo()
    {
        var (exitCode, output, _) = await CliRun.RunAsync([]);

        Assert.Equal(2, exitCode);
        Assert.Contains("config", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_ListsPalettesAndGlobalOptions()
    {
        var (exitCode, output, _) = await CliRun.RunAsync(["--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("config", output, StringComparison.Ordinal);
        Assert.Contains("--node", output, StringComparison.Ordinal);
        Assert.Contains("--token", output, StringComparison.Ordinal);
        Assert.Contains("--json", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalOptions_DefaultFromEnvironment()
    {
        var environment = new Dictionary<string, string> { ["RELAYCTL_NODE"] = "http://10.0.0.5:9110", ["RELAY_ADMIN_TOKEN"] = "secret" };
        var context = new CliContext(TextWriter.Null, TextWriter.Null, name => environment.GetValueOrDefault(name));

        var parseResult = Relayctl.BuildRootCommand(context).Parse(["config", "check", "a.hocon"]);

        Assert.Equal(new Uri("http://10.0.0.5:9110"), context.GetNode(parseResult));
        Assert.Equal("secret", context.GetToken(parseResult));
        Assert.False(context.IsJson(parseResult));
    }

    [Fact]
    public void GlobalOptions_WithoutEnvironment_UseTheLocalNode()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, _ => null);

        var parseResult = Relayctl.BuildRootCommand(context).Parse(["config", "check", "a.hocon", "--node", "http://relay-1:9110", "--json"]);

        Assert.Equal(new Uri("http://relay-1:9110"), context.GetNode(parseResult));
        Assert.Null(context.GetToken(parseResult));
        Assert.True(context.IsJson(parseResult));
        Assert.Equal(new Uri(CliContext.DefaultNode), context.GetNode(Relayctl.BuildRootCommand(context).Parse(["config", "check", "a.hocon"])));
    }
}
