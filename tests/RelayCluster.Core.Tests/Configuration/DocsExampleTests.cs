using System.Text.RegularExpressions;
using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Tests.Configuration;

/// <summary>Every <c>```hocon</c> block of the pages in docs/ that sets <c>relay</c> is a valid config as written.</summary>
public partial class DocsExampleTests
{
    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in new[] { "GAME-SERVERS.md" })
        {
            var count = HoconBlocks(File.ReadAllText(Path.Combine(Docs(), page))).Count;
            for (var i = 0; i < count; i++)
            {
                data.Add(page, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Load_DocsHoconBlock_IsValid(string page, int index)
    {
        var block = HoconBlocks(File.ReadAllText(Path.Combine(Docs(), page)))[index];
        var file = Path.Combine(Path.GetTempPath(), $"docs-{Guid.NewGuid():N}.hocon");
        File.WriteAllText(file, block);
        try
        {
            var result = RelayConfigLoader.Load([file], new HoconParseOptions { GetEnvironmentVariable = name => name == "RELAY_ADMIN_TOKEN" ? "secret" : null });

            Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Docs() => Path.Combine(RelayHoconTests.RepositoryRoot(), "docs");

    private static List<string> HoconBlocks(string markdown) =>
        HoconBlock().Matches(markdown).Select(match => match.Groups[1].Value).ToList();

    [GeneratedRegex("```hocon\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex HoconBlock();
}
