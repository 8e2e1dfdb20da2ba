using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Tests.Configuration;

/// <summary>The example configs under deploy/examples stay valid: each node file alone and with every rule file as an overlay.</summary>
public class DeployExampleTests
{
    private static readonly HoconParseOptions s_noEnvironment = new() { GetEnvironmentVariable = _ => null };

    public static TheoryData<string, string?> Combinations()
    {
        var examples = Path.Combine(RelayHoconTests.RepositoryRoot(), "deploy", "examples");
        var data = new TheoryData<string, string?>();
        foreach (var node in Directory.GetFiles(examples, "*.hocon").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(node), null);
            foreach (var rules in Directory.GetFiles(Path.Combine(examples, "rules"), "*.hocon").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(node), Path.GetFileName(rules));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Load_DeployExample_IsValid(string node, string? rules)
    {
        var examples = Path.Combine(RelayHoconTests.RepositoryRoot(), "deploy", "examples");
        var files = rules is null
            ? new[] { Path.Combine(examples, node) }
            : [Path.Combine(examples, node), Path.Combine(examples, "rules", rules)];

        var result = RelayConfigLoader.Load(files, s_noEnvironment);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }
}
