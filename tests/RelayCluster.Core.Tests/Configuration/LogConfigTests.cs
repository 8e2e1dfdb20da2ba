using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Tests.Configuration;

public class LogConfigTests
{
    [Fact]
    public void Bind_RelativeFile_TakenFromTheConfigFilesDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("relay-log-config-");
        try
        {
            var config = Path.Combine(directory.FullName, "relay.hocon");
            File.WriteAllText(config, """relay.log { format = json, file = "node.log" }""");

            var result = RelayConfigLoader.Load([config]);

            Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
            Assert.Equal(Path.Combine(directory.FullName, "node.log"), result.Config!.Log.File);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Bind_FileInAMissingDirectory_ReportedWithItsPosition()
    {
        var result = RelayConfigLoader.Bind(HoconParser.Parse("""relay.log.file = "/no/such/directory/node.log" """, "test.hocon"));

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, 18), (error.Position.Line, error.Position.Column));
        Assert.Contains("relay.log.file", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
