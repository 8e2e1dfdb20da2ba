namespace RelayCluster.Cli.Tests.Admin;

/// <summary>A string writer that lets a test wait for the n-th line, written from another thread.</summary>
internal sealed class LineSignalWriter : StringWriter
{
    private readonly object _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _lines;

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            base.WriteLine(value);
            _lines++;
            foreach (var waiter in _waiters.Where(waiter => waiter.Count <= _lines))
            {
                waiter.Signal.TrySetResult();
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return base.ToString();
        }
    }

    public Task WaitForLinesAsync(int count, TimeSpan timeout)
    {
        lock (_gate)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_lines >= count)
            {
                signal.SetResult();
            }
            else
            {
                _waiters.Add((count, signal));
            }

            return signal.Task.WaitAsync(timeout);
        }
    }
}
