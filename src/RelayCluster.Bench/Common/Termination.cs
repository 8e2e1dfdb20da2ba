using System.Runtime.InteropServices;

namespace RelayCluster.Bench.Common;

/// <summary>
/// Turns Ctrl+C, SIGINT and SIGTERM into a cancellation that the commands observe, so they stop cleanly and print
/// their totals before the process exits.
/// </summary>
internal sealed class Termination : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public Termination()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // A second signal while stopping falls through to the default handling and ends the process at once.
        context.Cancel = !_source.IsCancellationRequested;
        _source.Cancel();
    }
}
