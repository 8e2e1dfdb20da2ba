using System.Net.Sockets;

namespace RelayCluster.Node.Internal;

/// <summary>The outcome of a socket operation: expected failures are values, not exceptions.</summary>
internal readonly record struct SocketOperationResult(SocketError Error, int BytesTransferred)
{
    /// <summary>True when the operation succeeded.</summary>
    public bool IsSuccess => Error == SocketError.Success;
}
