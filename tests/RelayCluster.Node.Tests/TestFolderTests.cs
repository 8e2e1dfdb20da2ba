namespace RelayCluster.Node.Tests;

/// <summary>Every folder of a test project mirrors a folder of the project it tests, so a test is found where its code is.</summary>
public sealed class TestFolderTests
{
    // The honest exceptions: folders that hold no tests of one source folder.
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["RelayCluster.Hocon.Tests/Conformance"] = "input files of the HOCON conformance cases, not code",
        ["RelayCluster.Cli.Tests/Live"] = "relayctl end to end against in-process nodes, across palettes, with their shared node fixture",
    };

    [Fact]
    public void TestFolders_OfEveryTestProject_MirrorSourceFolders()
    {
        var root = RepositoryRoot();
        var projects = Directory.GetDirectories(Path.Combine(root, "tests"), "*.Tests");
        Assert.NotEmpty(projects);

        var strays = new List<string>();
        foreach (var project in projects)
        {
            var name = Path.GetFileName(project);
            var source = Path.Combine(root, "src", name[..^".Tests".Length]);
            Assert.True(Directory.Exists(source), $"tests/{name} has no source project at src/{Path.GetFileName(source)}");
            foreach (var folder in Directory.GetDirectories(project, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(project, folder).Replace('\\', '/');
                if (IsBuildOutput(relative) || IsExcepted($"{name}/{relative}"))
                {
                    continue;
                }

                if (!Directory.Exists(Path.Combine(source, relative)))
                {
                    strays.Add($"tests/{name}/{relative} (no src/{Path.GetFileName(source)}/{relative})");
                }
            }
        }

        Assert.True(strays.Count == 0, "Test folders without a source folder:\n" + string.Join("\n", strays));
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split('/')[0] is "bin" or "obj" or "TestResults";

    private static bool IsExcepted(string path) =>
        Exceptions.Keys.Any(exception => path == exception || path.StartsWith(exception + "/", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RelayCluster.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RelayCluster.sln not found above " + AppContext.BaseDirectory);
    }
}
