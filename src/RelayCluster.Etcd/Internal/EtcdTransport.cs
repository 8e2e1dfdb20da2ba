using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RelayCluster.Etcd.Internal;

/// <summary>
/// POSTs JSON to etcd's gateway with failover: a call starts at the endpoint that last answered, moves on to the next
/// one when an endpoint is unreachable, slow or answers 5xx, and gives up when the request timeout is spent.
/// </summary>
internal sealed class EtcdTransport : IDisposable
{
    // One hung endpoint must not spend a whole call when others could answer: an attempt gets at most half of what is
    // left (but never less than this), unless it is the only endpoint.
    private static readonly TimeSpan s_minimumAttempt = TimeSpan.FromMilliseconds(200);
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri[] _endpoints;
    private readonly TimeSpan _requestTimeout;
    private int _preferred;

    public EtcdTransport(EtcdClientOptions options)
    {
        _endpoints = [.. options.Endpoints];
        _requestTimeout = options.RequestTimeout;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The endpoint the next call starts with: the one that answered last.</summary>
    public Uri PreferredEndpoint => _endpoints[Volatile.Read(ref _preferred)];

    /// <summary>Sends one request and reads one JSON answer.</summary>
    public Task<EtcdResult<TResponse>> PostAsync<TRequest, TResponse>(
        string path,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return SendAsync(path, body, requireLeader: false, (response, endpoint, token) => GatewayAnswer.ReadJsonAsync(response, endpoint, path, responseType, token), cancellationToken);
    }

    /// <summary>Sends one request and hands back the open answer, for gateway streams such as watches.</summary>
    public Task<EtcdResult<GatewayStream>> OpenStreamAsync<TRequest>(
        string path,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return SendAsync(path, body, requireLeader: true, OpenAsync, cancellationToken);

        static async Task<EtcdResult<GatewayStream>> OpenAsync(HttpResponseMessage response, Uri endpoint, CancellationToken token)
        {
            var stream = await response.Content.ReadAsStreamAsync(token);
            return new EtcdResult<GatewayStream>(new GatewayStream(response, stream, endpoint));
        }
    }

    /// <summary>Closes every connection; streams still open end.</summary>
    public void Dispose() => _http.Dispose();

    private async Task<EtcdResult<T>> SendAsync<T>(
        string path,
        byte[] body,
        bool requireLeader,
        Func<HttpResponseMessage, Uri, CancellationToken, Task<EtcdResult<T>>> readAsync,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var first = Volatile.Read(ref _preferred);
        EtcdError? lastUnavailable = null;
        EtcdError? lastTimeout = null;
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0 && attempt % _endpoints.Length == 0)
            {
                // Every endpoint failed once: give a member that is electing a leader or restarting a moment.
                var pause = TimeSpan.FromMilliseconds(Math.Min(25 * (attempt / _endpoints.Length), 200));
                if (_requestTimeout - Stopwatch.GetElapsedTime(started) <= pause)
                {
                    break;
                }

                await Task.Delay(pause, cancellationToken);
            }

            var remaining = _requestTimeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var index = (first + attempt) % _endpoints.Length;
            var attemptTimeout = AttemptTimeout(remaining);
            var result = await AttemptAsync(_endpoints[index], path, body, requireLeader, attemptTimeout, readAsync, cancellationToken);
            if (result.IsSuccess)
            {
                Volatile.Write(ref _preferred, index);
                return result;
            }

            if (!Errors.IsRetryable(result.Error))
            {
                return result;
            }

            if (result.Error.Kind == EtcdErrorKind.Timeout)
            {
                lastTimeout = result.Error;
            }
            else
            {
                lastUnavailable = result.Error;
            }
        }

        // An endpoint that is down says more than one that ran out of the budget the others left it.
        return new EtcdResult<T>(lastUnavailable ?? lastTimeout ?? Errors.TimedOut(PreferredEndpoint, path, _requestTimeout));
    }

    private TimeSpan AttemptTimeout(TimeSpan remaining)
    {
        if (_endpoints.Length == 1)
        {
            return remaining;
        }

        var share = remaining / 2;
        return share < s_minimumAttempt ? (remaining < s_minimumAttempt ? remaining : s_minimumAttempt) : share;
    }

    private async Task<EtcdResult<T>> AttemptAsync<T>(
        Uri endpoint,
        string path,
        byte[] body,
        bool requireLeader,
        TimeSpan timeout,
        Func<HttpResponseMessage, Uri, CancellationToken, Task<EtcdResult<T>>> readAsync,
        CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path));
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = s_json } };
            if (requireLeader)
            {
                // A member cut off from the leader ends the stream, so the caller moves to a member that has one.
                request.Headers.Add("Grpc-Metadata-hasleader", "true");
            }

            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new EtcdResult<T>(await GatewayAnswer.ReadErrorAsync(response, endpoint, path, attempt.Token));
            }

            var result = await readAsync(response, endpoint, attempt.Token);
            response = null;
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new EtcdResult<T>(Errors.TimedOut(endpoint, path, timeout));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new EtcdResult<T>(Errors.Unreachable(endpoint, path, e));
        }
        catch (JsonException e)
        {
            return new EtcdResult<T>(Errors.Unreadable(endpoint, path, e.Message));
        }
        finally
        {
            response?.Dispose();
        }
    }
}
