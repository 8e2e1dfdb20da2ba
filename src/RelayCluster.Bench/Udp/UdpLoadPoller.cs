using System.Diagnostics;
using System.Net.Sockets;

namespace RelayCluster.Bench.Udp;

/// <summary>
/// A thread that drives a share of the flows: it waits in poll(2) until some of their sockets have replies, drains
/// those, and checks for timed-out slots. Measured on loopback, this costs less CPU per round trip than one async
/// receive loop or one blocking thread per flow, which matters when the load shares two cores with what it measures.
/// </summary>
internal sealed class UdpLoadPoller
{
    private readonly UdpLoadRun _run;
    private readonly UdpLoadFlow[] _flows;
    private readonly Dictionary<Socket, UdpLoadFlow> _flowsBySocket;
    private readonly List<Socket> _ready;
    private readonly Thread _thread;
    private readonly long _checkTimeoutsEveryTicks;
    private readonly int _waitMicroseconds;
    private Exception? _failure;

    public UdpLoadPoller(UdpLoadRun run, UdpLoadFlow[] flows, int index)
    {
        _run = run;
        _flows = flows;
        _flowsBySocket = flows.ToDictionary(flow => flow.Socket);
        _ready = new List<Socket>(flows.Length);
        var checkEvery = TimeSpan.FromTicks(Math.Clamp(run.Options.Timeout.Ticks / 4, TimeSpan.TicksPerMillisecond, 10 * TimeSpan.TicksPerMillisecond));
        _checkTimeoutsEveryTicks = (long)(checkEvery.TotalSeconds * Stopwatch.Frequency);
        _waitMicroseconds = (int)checkEvery.TotalMicroseconds;
        _thread = new Thread(Run) { IsBackground = true, Name = $"udp-load-{index}" };
    }

    public void Start() => _thread.Start();

    /// <summary>Waits for the thread to end after <see cref="UdpLoadRun.Stop"/>, rethrowing what stopped it early.</summary>
    public void Join()
    {
        _thread.Join();
        if (_failure is not null)
        {
            throw new InvalidOperationException("A udp-load poller failed.", _failure);
        }
    }

    private void Run()
    {
        try
        {
            foreach (var flow in _flows)
            {
                flow.Start();
            }

            var nextCheck = Stopwatch.GetTimestamp() + _checkTimeoutsEveryTicks;
            while (!_run.Stopping)
            {
                _ready.Clear();
                foreach (var flow in _flows)
                {
                    _ready.Add(flow.Socket);
                }

                Socket.Select(_ready, null, null, _waitMicroseconds);
                foreach (var socket in _ready)
                {
                    _flowsBySocket[socket].Drain();
                }

                var now = Stopwatch.GetTimestamp();
                if (now >= nextCheck)
                {
                    foreach (var flow in _flows)
                    {
                        flow.CheckTimeouts(now);
                    }

                    nextCheck = now + _checkTimeoutsEveryTicks;
                }
            }
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }
}
