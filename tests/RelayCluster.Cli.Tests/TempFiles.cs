namespace RelayCluster.Cli.Tests;

/// <summary>A temporary directory of config files, deleted with the test.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relayctl-").FullName;

    public string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The directory holding RelayCluster.sln, found above the test's output directory.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RelayCluster.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RelayCluster.sln above {AppContext.BaseDirectory}.");
    }
}
