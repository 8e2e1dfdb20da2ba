using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Admission;

/// <summary>
/// A client in steady conversation through the relay, on its own thread so a busy thread pool cannot stall it: sends
/// a numbered datagram, waits for its echo, pauses, and repeats, recording lost echoes and the longest gap between two.
/// </summary>
internal sealed class EchoWatch : IDisposable
{
    private static readonly TimeSpan s_pause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_lostAfter = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastEcho;
    private long _maxGapTicks;
    private int _echoes;
    private int _lost;

    public EchoWatch(IPEndPoint relay, IPAddress local)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(local, 0));
        _socket.Connect(relay);
        _thread = new Thread(Run) { IsBackground = true, Name = "echo-watch" };
        _thread.Start();
    }

    public int Echoes => Volatile.Read(ref _echoes);

    public int Lost => Volatile.Read(ref _lost);

    /// <summary>The longest time between two echoes since <see cref="ResetGap"/>.</summary>
    public TimeSpan MaxGap => TimeSpan.FromTicks(Interlocked.Read(ref _maxGapTicks));

    /// <summary>Starts measuring gaps from now, leaving start-up out.</summary>
    public void ResetGap() => Interlocked.Exchange(ref _maxGapTicks, 0);

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _socket.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[64];
        for (var sequence = 0; !_stop.IsSet; sequence++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, sequence);
            if (!TryConverse(buffer, sequence))
            {
                Interlocked.Increment(ref _lost);
            }

            _stop.Wait(s_pause);
        }
    }

    /// <summary>One exchange; a socket error (an ICMP refusal reported on the connected socket) counts as a lost echo, never ends the thread.</summary>
    private bool TryConverse(byte[] buffer, int sequence)
    {
        try
        {
            _socket.Send(buffer.AsSpan(0, 4));
            return AwaitEcho(buffer, sequence);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private bool AwaitEcho(byte[] buffer, int sequence)
    {
        var deadline = _clock.Elapsed + s_lostAfter;
        while (_clock.Elapsed < deadline)
        {
            if (!_socket.Poll(TimeSpan.FromTicks(Math.Max(0, (deadline - _clock.Elapsed).Ticks)), SelectMode.SelectRead))
            {
                return false;
            }

            if (_socket.Receive(buffer) == 4 && BinaryPrimitives.ReadInt32LittleEndian(buffer) == sequence)
            {
                var now = _clock.Elapsed;
                if (_echoes > 0)
                {
                    var gap = (now - _lastEcho).Ticks;
                    if (gap > Interlocked.Read(ref _maxGapTicks))
                    {
                        Interlocked.Exchange(ref _maxGapTicks, gap);
                    }
                }

                _lastEcho = now;
                Interlocked.Increment(ref _echoes);
                return true;
            }
        }

        return false;
    }
}
