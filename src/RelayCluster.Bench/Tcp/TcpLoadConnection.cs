using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using RelayCluster.Bench.Measuring;

namespace RelayCluster.Bench.Tcp;

/// <summary>
/// One persistent connection in a closed loop: send a request, read the whole response, record the latency, repeat.
/// Each request starts with its sequence number, so a response from an echo that belongs to another request, or is
/// corrupted, is caught. A failure counts as an error and the connection is opened again after a short pause.
/// </summary>
internal sealed class TcpLoadConnection
{
    private const int MaxReceiveBuffer = 64 * 1024;
    private static readonly TimeSpan s_reconnectPause = TimeSpan.FromMilliseconds(100);
    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly TcpLoadRun _run;
    private readonly byte[] _request;
    private readonly byte[] _response;
    private Socket? _socket;
    private TcpLoadCounters _counters;

    public TcpLoadConnection(TcpLoadRun run)
    {
        _run = run;
        _request = GC.AllocateUninitializedArray<byte>(run.Options.RequestSize);
        _response = GC.AllocateUninitializedArray<byte>(Math.Min(run.Options.ResponseSize, MaxReceiveBuffer));
        Random.Shared.NextBytes(_request);
    }

    public LatencyHistogram Histogram { get; } = new();

    /// <summary>The counters; read them only after <see cref="RunAsync"/> has ended.</summary>
    public TcpLoadCounters Counters => _counters;

    /// <summary>Sends requests until the run stops.</summary>
    public async Task RunAsync()
    {
        var options = _run.Options;
        var sequence = 0L;
        while (!_run.Stopping)
        {
            try
            {
                _socket ??= await ConnectAsync();
                var socket = _socket;
                while (!_run.Stopping)
                {
                    Stamp(++sequence);
                    var start = Stopwatch.GetTimestamp();

                    // Read while the request is still going out, so a request larger than the socket buffers cannot
                    // deadlock against an echo that is blocked sending its reply back.
                    var sending = socket.SendAsync(_request, SocketFlags.None);
                    var received = 0;
                    while (received < options.ResponseSize)
                    {
                        var read = await socket.ReceiveAsync(_response.AsMemory(0, Math.Min(_response.Length, options.ResponseSize - received)), SocketFlags.None);
                        if (read == 0)
                        {
                            throw new IOException($"{options.Target} closed the connection after {received} of {options.ResponseSize} response bytes");
                        }

                        if (options.ExpectsEcho && !_response.AsSpan(0, read).SequenceEqual(_request.AsSpan(received, read)))
                        {
                            _counters.Mismatched++;
                            throw new IOException($"a response from {options.Target} differs from its request at bytes {received}..{received + read}");
                        }

                        received += read;
                    }

                    await sending;
                    var end = Stopwatch.GetTimestamp();
                    if (_run.IsMeasuring(end))
                    {
                        _counters.Requests++;
                        _counters.SentBytes += options.RequestSize;
                        _counters.ReceivedBytes += options.ResponseSize;
                        Histogram.Record((long)((end - start) * s_nanosecondsPerTick));
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
            {
                Close();
                if (_run.Stopping)
                {
                    return;
                }

                _counters.Errors++;
                _run.ReportError(e is SocketException socketError ? $"{options.Target}: {socketError.SocketErrorCode}: {e.Message}" : e.Message);
                await PauseAsync();
            }
        }

        Close();
    }

    /// <summary>Breaks a send or receive that is still waiting when the run stops.</summary>
    public void Close()
    {
        var socket = Interlocked.Exchange(ref _socket, null);
        socket?.Dispose();
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = await TcpSockets.ConnectAsync(_run.Options.Target, _run.StopToken);
        _counters.Connects++;
        return socket;
    }

    private void Stamp(long sequence)
    {
        Span<byte> stamp = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(stamp, sequence);
        stamp[..Math.Min(stamp.Length, _request.Length)].CopyTo(_request);
    }

    private async Task PauseAsync()
    {
        try
        {
            await Task.Delay(s_reconnectPause, _run.StopToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
