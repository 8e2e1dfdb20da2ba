namespace RelayCluster.Testing.Etcd;

/// <summary>Finds the etcd binary.</summary>
internal static class EtcdExecutable
{
    private static readonly Lazy<string?> s_path = new(Find);

    public static string Path => s_path.Value ?? throw new InvalidOperationException(
        "etcd is not installed: no 'etcd' on PATH or in /usr/bin. Install Debian's etcd-server "
        + "(tests/run.sh installs it when run as root).");

    private static string? Find()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Append("/usr/bin").Append("/usr/local/bin")
            .Select(directory => System.IO.Path.Combine(directory, "etcd"))
            .FirstOrDefault(File.Exists);
    }
}
