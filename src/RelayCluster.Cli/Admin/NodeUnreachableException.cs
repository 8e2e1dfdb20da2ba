namespace RelayCluster.Cli.Admin;

/// <summary>The node could not be reached: refused, unknown host, TLS failure, or no answer within the timeout.</summary>
internal sealed class NodeUnreachableException(string node, string reason, Exception? inner = null)
    : Exception($"cannot reach node at {node}: {reason}", inner)
{
    /// <summary>The admin URL as the operator gave it.</summary>
    public string Node { get; } = node;

    /// <summary>Why, in a few words, such as <c>Connection refused</c>.</summary>
    public string Reason { get; } = reason;
}
