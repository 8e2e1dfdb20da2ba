using System.Diagnostics;
using System.Net.Sockets;
using RelayCluster.Bench.Measuring;

namespace RelayCluster.Bench.Udp;

/// <summary>
/// One closed-loop flow: its own connected, non-blocking UDP socket (so its own source port) and a window of slots,
/// each holding one datagram in flight. A reply frees its slot and sends the next datagram; a slot silent for the
/// timeout counts as lost and is sent again with a new sequence. Only its poller thread touches it.
/// </summary>
internal sealed class UdpLoadFlow : IDisposable
{
    private const int MaxRepliesPerDrain = 256;
    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly UdpLoadRun _run;
    private readonly int _id;
    private readonly byte[] _sendBuffer;
    private readonly byte[] _receiveBuffer;
    private readonly long[] _slotSequence;
    private readonly long[] _slotSentAt;
    private long _nextSequence;
    private UdpLoadCounters _counters;

    public UdpLoadFlow(UdpLoadRun run, int id)
    {
        _run = run;
        _id = id;
        Socket = UdpSockets.Connect(run.Options.Target);
        Socket.Blocking = false;
        _sendBuffer = GC.AllocateArray<byte>(run.Options.Size, pinned: true);
        _receiveBuffer = GC.AllocateArray<byte>(65536, pinned: true);
        _slotSequence = new long[run.Options.Window];
        _slotSentAt = new long[run.Options.Window];
        Random.Shared.NextBytes(_sendBuffer);
    }

    public Socket Socket { get; }

    public LatencyHistogram Histogram { get; } = new();

    /// <summary>The counters; read them only after the flow's poller has stopped.</summary>
    public UdpLoadCounters Counters => _counters;

    /// <summary>Fills the window.</summary>
    public void Start()
    {
        for (var slot = 0; slot < _slotSequence.Length; slot++)
        {
            Send(slot);
        }
    }

    /// <summary>Handles every reply waiting on the socket.</summary>
    public void Drain()
    {
        for (var i = 0; i < MaxRepliesPerDrain; i++)
        {
            var length = Socket.Receive(_receiveBuffer, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                OnReply(length);
            }
            else if (error == SocketError.ConnectionRefused)
            {
                // An ICMP port unreachable for an earlier datagram; its slot times out and is sent again.
                _counters.Refused++;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Counts every slot silent for longer than the timeout as lost and sends it again.</summary>
    public void CheckTimeouts(long now)
    {
        for (var slot = 0; slot < _slotSentAt.Length; slot++)
        {
            if (now - _slotSentAt[slot] < _run.TimeoutTicks)
            {
                continue;
            }

            if (_run.IsMeasuring(now))
            {
                _counters.Lost++;
            }

            Send(slot);
        }
    }

    public void Dispose() => Socket.Dispose();

    private void OnReply(int length)
    {
        var now = Stopwatch.GetTimestamp();
        var measuring = _run.IsMeasuring(now);
        if (!UdpLoadPayload.TryRead(_receiveBuffer.AsSpan(0, length), _run.RunId, out var flow, out var slot, out var sequence))
        {
            _counters.Foreign += measuring ? 1 : 0;
            return;
        }

        if (flow != _id)
        {
            _counters.Misrouted++;
            return;
        }

        if ((uint)slot >= (uint)_slotSequence.Length || _slotSequence[slot] != sequence)
        {
            _counters.Late += measuring ? 1 : 0;
            return;
        }

        if (measuring)
        {
            _counters.Received++;
            Histogram.Record((long)((now - _slotSentAt[slot]) * s_nanosecondsPerTick));
        }

        Send(slot);
    }

    private void Send(int slot)
    {
        var sequence = ++_nextSequence;
        var now = Stopwatch.GetTimestamp();
        UdpLoadPayload.Write(_sendBuffer, _run.RunId, _id, slot, sequence, now);
        _slotSequence[slot] = sequence;
        _slotSentAt[slot] = now;
        if (_run.IsMeasuring(now))
        {
            _counters.Sent++;
        }

        // A refusal or a full buffer leaves the slot to time out and be sent again.
        Socket.Send(_sendBuffer, SocketFlags.None, out _);
    }
}
