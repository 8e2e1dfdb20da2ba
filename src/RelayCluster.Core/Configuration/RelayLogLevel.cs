namespace RelayCluster.Core.Configuration;

/// <summary>The least severe log events written (<c>relay.log.level</c>); the names and order are Serilog's.</summary>
public enum RelayLogLevel
{
    /// <summary>Everything, including per-packet tracing (<c>Verbose</c>).</summary>
    Verbose,

    /// <summary>Internal events useful when debugging (<c>Debug</c>).</summary>
    Debug,

    /// <summary>Lifecycle events: rules loaded, members joining, upstreams changing health (<c>Information</c>).</summary>
    Information,

    /// <summary>Something unexpected that the node works around (<c>Warning</c>).</summary>
    Warning,

    /// <summary>Something failed (<c>Error</c>).</summary>
    Error,

    /// <summary>The node cannot go on (<c>Fatal</c>).</summary>
    Fatal,
}
