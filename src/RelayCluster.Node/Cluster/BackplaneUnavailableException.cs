namespace RelayCluster.Node.Cluster;

/// <summary>A backplane write could not be made: the backplane cannot be reached or refused it. Nothing was changed.</summary>
public sealed class BackplaneUnavailableException : Exception
{
    /// <summary>Creates the exception with the backplane's reason.</summary>
    public BackplaneUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no reason.</summary>
    public BackplaneUnavailableException()
    {
    }

    /// <summary>Creates the exception with the backplane's reason and its cause.</summary>
    public BackplaneUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
