using System.Text.RegularExpressions;
using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Tests.Configuration;

public partial class ConfigurationDocsTests
{
    [Fact]
    public void ConfigurationReference_DocumentsEveryKeyTheBinderReads()
    {
        var root = HoconParser.Parse("""
            relay.rules.game {
              protocol = udp, listen = "0.0.0.0:1"
              upstreams = ["h:1", { address = "h:2", weight = 2 }]
            }
            """);
        var context = new BindContext();
        RelayConfigBinder.Bind(context, root);
        var reference = File.ReadAllText(Path.Combine(RelayHoconTests.RepositoryRoot(), "README.md"));

        var undocumented = context.KeyPaths
            .Select(path => ArrayIndex().Replace(path.Replace("relay.rules.game", "relay.rules.<name>", StringComparison.Ordinal), "[]"))
            .Where(path => !reference.Contains($"`{path}`", StringComparison.Ordinal))
            .ToList();

        Assert.True(undocumented.Count == 0, "Not in README.md: " + string.Join(", ", undocumented));
        Assert.True(context.KeyPaths.Count > 40);
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ArrayIndex();
}
