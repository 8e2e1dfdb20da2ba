namespace RelayCluster.Node.Sessions;

/// <summary>The node-wide number of file descriptors sessions may hold, shared by every rule.</summary>
public sealed class SessionBudget
{
    private int _available;

    /// <summary>Creates a budget of <paramref name="descriptors"/> file descriptors.</summary>
    public SessionBudget(int descriptors)
    {
        Capacity = descriptors;
        _available = descriptors;
    }

    /// <summary>The whole budget.</summary>
    public int Capacity { get; }

    /// <summary>What is not in use.</summary>
    public int Available => Volatile.Read(ref _available);

    /// <summary>Takes <paramref name="descriptors"/> if that many are left.</summary>
    public bool TryTake(int descriptors)
    {
        while (true)
        {
            var available = Volatile.Read(ref _available);
            if (available < descriptors)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _available, available - descriptors, available) == available)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back <paramref name="descriptors"/>.</summary>
    public void Return(int descriptors) => Interlocked.Add(ref _available, descriptors);
}
