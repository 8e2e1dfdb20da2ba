using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Sessions;

/// <summary>
/// A listener whose accept queue is full and never drained: the kernel drops further SYNs, so a connect to it neither
/// succeeds nor fails until the connecting side gives up — an upstream host that stopped answering.
/// </summary>
internal sealed class SilentUpstream : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    private SilentUpstream()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public static SilentUpstream Start()
    {
        var upstream = new SilentUpstream();
        upstream.FillAcceptQueue();
        return upstream;
    }

    private void FillAcceptQueue()
    {
        // Connect until one attempt hangs: from then on the queue is full and SYNs are dropped.
        for (var i = 0; i < 8; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _fillers.Add(filler);
            if (!filler.ConnectAsync(EndPoint).Wait(TimeSpan.FromMilliseconds(200)))
            {
                return;
            }
        }

        throw new InvalidOperationException("The listener's accept queue did not fill up.");
    }

    public void Dispose()
    {
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }

        _listener.Dispose();
    }
}
