using System.Net.Sockets;
using RelayCluster.Cli.Output;

namespace RelayCluster.Cli.Admin;

/// <summary>The node could not be reached: refused, unknown host, TLS failure, or no answer within the timeout.</summary>
internal sealed class NodeUnreachableException(string node, string reason, Exception? inner = null)
    : Exception($"cannot reach node at {node}: {reason}", inner)
{
    /// <summary>The admin URL as the operator gave it.</summary>
    public string Node { get; } = node;

    /// <summary>Why, in a few words, such as <c>Connection refused</c>.</summary>
    public string Reason { get; } = reason;

    /// <summary>The failure <paramref name="e"/> of a call to <paramref name="node"/>; a cancellation is the <paramref name="timeout"/> passing.</summary>
    public static NodeUnreachableException From(string node, Exception e, TimeSpan timeout) => e switch
    {
        OperationCanceledException => new(node, $"no answer within {Texts.Duration(timeout)}", e),
        _ when FindSocketError(e) is { } socket => new(node, socket.Message, e),
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => new(node, $"TLS handshake failed: {Innermost(e).Message}", e),
        _ => new(node, Innermost(e).Message, e),
    };

    /// <summary>The exception at the bottom of <paramref name="e"/>'s inner exceptions, which names the cause.</summary>
    public static Exception Innermost(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }

    private static SocketException? FindSocketError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }
}
