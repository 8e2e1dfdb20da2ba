namespace RelayCluster.Cli.Config;

/// <summary>Checks on the files that config commands are given.</summary>
internal static class ConfigFiles
{
    /// <summary>Writes <c>FILE: file not found</c> for each missing file; true when any is missing.</summary>
    public static bool FindMissing(IReadOnlyList<string> files, TextWriter error)
    {
        var missing = false;
        foreach (var file in files.Where(file => !File.Exists(file)))
        {
            error.WriteLine($"{file}: file not found");
            missing = true;
        }

        return missing;
    }
}
