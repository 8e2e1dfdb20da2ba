using RelayCluster.Etcd.Internal;

namespace RelayCluster.Etcd;

/// <summary>
/// A client for etcd v3 over its JSON gateway. Every call returns an <see cref="EtcdResult{T}"/> instead of throwing
/// for etcd or network failures; only cancellation throws (<see cref="OperationCanceledException"/>). A call tries
/// the endpoints in turn, starting with the one that answered last, within <see cref="EtcdClientOptions.RequestTimeout"/>.
/// Thread-safe.
/// </summary>
public sealed partial class EtcdClient : IDisposable
{
    private readonly EtcdTransport _transport;
    private readonly CancellationTokenSource _disposing = new();

    /// <summary>Creates a client for the endpoints in <paramref name="options"/>.</summary>
    public EtcdClient(EtcdClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoints.Count == 0)
        {
            throw new ArgumentException("At least one etcd endpoint is required.", nameof(options));
        }

        foreach (var endpoint in options.Endpoints)
        {
            if (endpoint is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
            {
                throw new ArgumentException($"The etcd endpoint '{endpoint}' is not an absolute http or https URL.", nameof(options));
            }
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The etcd request and connect timeouts must be positive.", nameof(options));
        }

        Endpoints = [.. options.Endpoints];
        _transport = new EtcdTransport(options);
    }

    /// <summary>Creates a client for the given endpoints with the default timeouts.</summary>
    public EtcdClient(params IReadOnlyList<Uri> endpoints)
        : this(new EtcdClientOptions { Endpoints = endpoints })
    {
    }

    /// <summary>The endpoints this client uses, in the configured order.</summary>
    public IReadOnlyList<Uri> Endpoints { get; }

    /// <summary>The endpoint the next call starts with: the one that answered last.</summary>
    public Uri PreferredEndpoint => _transport.PreferredEndpoint;

    /// <summary>Closes every connection and ends running watches.</summary>
    public void Dispose()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        _disposing.Cancel();
        _transport.Dispose();
    }
}
