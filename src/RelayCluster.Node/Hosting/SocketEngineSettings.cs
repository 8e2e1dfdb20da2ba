namespace RelayCluster.Node.Hosting;

/// <summary>
/// Tunes .NET's socket engine for a proxy before the first socket exists: completions run on the engine's own threads
/// (no hop through the thread pool per read), with one engine thread per core. The TCP path's continuations never
/// block, which is what inline completions require. An operator's own setting of either variable wins.
/// </summary>
internal static class SocketEngineSettings
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    private const string ThreadCount = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }

        if (Environment.GetEnvironmentVariable(ThreadCount) is null)
        {
            Environment.SetEnvironmentVariable(ThreadCount, Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
