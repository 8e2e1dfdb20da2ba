using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace RelayCluster.Node.Internal;

/// <summary>
/// A reusable awaitable receive on a connected socket: one instance per reader, no allocation per receive,
/// and socket errors come back as values (an ICMP "port unreachable" on a UDP upstream is routine, not exceptional).
/// </summary>
internal sealed class SocketReceiver : SocketAsyncEventArgs, IValueTaskSource<SocketOperationResult>
{
    private ManualResetValueTaskSourceCore<SocketOperationResult> _source;

    public SocketReceiver()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    /// <summary>Receives into <paramref name="buffer"/>; completes with the byte count or the socket error.</summary>
    public ValueTask<SocketOperationResult> ReceiveAsync(Socket socket, Memory<byte> buffer)
    {
        _source.Reset();
        SetBuffer(buffer);
        try
        {
            if (socket.ReceiveAsync(this))
            {
                return new ValueTask<SocketOperationResult>(this, _source.Version);
            }
        }
        catch (ObjectDisposedException)
        {
            return new ValueTask<SocketOperationResult>(new SocketOperationResult(SocketError.OperationAborted, 0));
        }

        return new ValueTask<SocketOperationResult>(new SocketOperationResult(SocketError, BytesTransferred));
    }

    protected override void OnCompleted(SocketAsyncEventArgs e) => _source.SetResult(new SocketOperationResult(SocketError, BytesTransferred));

    SocketOperationResult IValueTaskSource<SocketOperationResult>.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<SocketOperationResult>.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource<SocketOperationResult>.OnCompleted(
        Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);
}
