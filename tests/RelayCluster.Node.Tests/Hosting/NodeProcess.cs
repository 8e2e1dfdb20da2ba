using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace RelayCluster.Node.Tests.Hosting;

/// <summary>A real relay-node process started from the test's output folder, with its output captured line by line.</summary>
internal sealed partial class NodeProcess : IDisposable
{
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _standardOutput = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private NodeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _standardOutput.Enqueue(e.Data);
            }

            Add(e.Data);
        };
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Output => _output;

    /// <summary>The lines of standard output alone.</summary>
    public IReadOnlyCollection<string> StandardOutput => _standardOutput;

    public static NodeProcess Start(string? config, params string[] extra) => Start(config, new Dictionary<string, string>(), extra);

    public static NodeProcess Start(string? config, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "relay-node.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(dll);
        if (config is not null)
        {
            info.ArgumentList.Add("--config");
            info.ArgumentList.Add(config);
        }

        foreach (var argument in extra)
        {
            info.ArgumentList.Add(argument);
        }

        return new NodeProcess(Process.Start(info)!);
    }

    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var line in _output)
            {
                var match = pattern.Match(line);
                if (match.Success)
                {
                    return match;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _lineArrived.WaitAsync(left))
            {
                throw new TimeoutException($"relay-node printed no line matching '{pattern}' within {timeout}:\n{string.Join('\n', _output)}");
            }
        }
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: {Marshal.GetLastPInvokeError()}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        _lineArrived.Release();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
