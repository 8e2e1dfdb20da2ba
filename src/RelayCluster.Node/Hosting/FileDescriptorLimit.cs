using System.Runtime.InteropServices;

namespace RelayCluster.Node.Hosting;

/// <summary>Reads (and where allowed raises) the process's open-file limit, from which the session budget is derived.</summary>
internal static partial class FileDescriptorLimit
{
    private const int RlimitNofile = 7;

    /// <summary>Descriptors kept back for listeners, the admin API, logs and the runtime itself.</summary>
    public const int Reserved = 256;

    /// <summary>Raises the soft limit to the hard limit and returns the soft limit now in force, or null where it cannot be read.</summary>
    public static long? RaiseToHardLimit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        if (GetRLimit(RlimitNofile, out var limit) != 0)
        {
            return null;
        }

        if (limit.Current < limit.Maximum)
        {
            var raised = limit with { Current = limit.Maximum };
            if (SetRLimit(RlimitNofile, in raised) == 0)
            {
                return (long)Math.Min(raised.Current, long.MaxValue);
            }
        }

        return (long)Math.Min(limit.Current, long.MaxValue);
    }

    /// <summary>How many descriptors sessions may hold under a soft limit of <paramref name="softLimit"/>.</summary>
    public static int SessionBudget(long? softLimit) =>
        softLimit is { } limit ? (int)Math.Clamp(limit - Reserved, 64, int.MaxValue) : int.MaxValue;

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct RLimit(ulong Current, ulong Maximum);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);
}
