using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Admin;

/// <summary>
/// Calls one node's admin API with <see cref="AdminJson"/> bodies. An error answer throws <see cref="AdminProblemException"/>;
/// a refused connection, a failed TLS handshake or no answer within the timeout throws <see cref="NodeUnreachableException"/>.
/// </summary>
internal sealed class AdminClient : IDisposable
{
    /// <summary>How long a request may take from connecting to the last byte of its answer.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly string _baseUrl;

    /// <summary>Creates a client of the node at <paramref name="node"/>, presenting <paramref name="token"/> when it is set.</summary>
    public AdminClient(Uri node, string? token, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node.OriginalString;
        Timeout = timeout;
        _baseUrl = node.AbsoluteUri.TrimEnd('/');
        // The timeout is applied per call below, not here: a stream, quiet for hours, is bounded only by ConnectTimeout.
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeout }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The admin URL as the operator gave it, for messages.</summary>
    public string Node { get; }

    /// <summary>How long one call may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary><c>GET</c> <paramref name="route"/> and reads the answer as <typeparamref name="T"/>.</summary>
    public async Task<T> GetAsync<T>(string route, CancellationToken cancellationToken) =>
        Deserialize<T>(await ExchangeAsync(HttpMethod.Get, route, content: null, ifMatch: null, cancellationToken));

    /// <summary><c>POST</c> <paramref name="route"/> without a body; the answer's JSON, or null when it has none.</summary>
    public async Task<JsonElement?> PostAsync(string route, CancellationToken cancellationToken) =>
        ParseOptional(await ExchangeAsync(HttpMethod.Post, route, content: null, ifMatch: null, cancellationToken));

    /// <summary><c>POST</c> <paramref name="route"/> without a body and reads the answer as <typeparamref name="T"/>.</summary>
    public async Task<T> PostAsync<T>(string route, CancellationToken cancellationToken) =>
        Deserialize<T>(await ExchangeAsync(HttpMethod.Post, route, content: null, ifMatch: null, cancellationToken));

    /// <summary><c>PUT</c> <paramref name="json"/> to <paramref name="route"/>, with <c>If-Match: "REVISION"</c> when <paramref name="ifMatch"/> is set.</summary>
    public async Task<T> PutJsonAsync<T>(string route, string json, long? ifMatch, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return Deserialize<T>(await ExchangeAsync(HttpMethod.Put, route, content, ifMatch, cancellationToken));
    }

    /// <summary><c>DELETE</c> <paramref name="route"/> and reads the answer as <typeparamref name="T"/>.</summary>
    public async Task<T> DeleteAsync<T>(string route, CancellationToken cancellationToken) =>
        Deserialize<T>(await ExchangeAsync(HttpMethod.Delete, route, content: null, ifMatch: null, cancellationToken));

    /// <summary>
    /// <c>GET</c> a stream of one JSON object per line; ends when the node ends it. Only connecting is bounded by the
    /// timeout: a quiet stream may send nothing, not even its headers, until the first event.
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(string route, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(route));
        request.Headers.Accept.ParseAdd(AdminJson.EventStreamContentType);
        using var response = await SendAsync(request, cancellationToken, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemAsync(response, cancellationToken);
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (IOException e)
            {
                throw new NodeUnreachableException(Node, $"the stream broke: {NodeUnreachableException.Innermost(e).Message}", e);
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length > 0)
            {
                yield return Deserialize<T>(line);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // A path in the node URL (a reverse proxy's prefix) is kept.
    private Uri Url(string route) => new(_baseUrl + route);

    private async Task<string> ExchangeAsync(HttpMethod method, string route, HttpContent? content, long? ifMatch, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(method, Url(route)) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        if (ifMatch is { } revision)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision}\""));
        }

        using var response = await SendAsync(request, timeout.Token, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemAsync(response, timeout.Token);
        }

        try
        {
            return await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(e);
        }
    }

    private NodeUnreachableException Unreachable(Exception e) => NodeUnreachableException.From(Node, e, Timeout);

    private static async Task<AdminProblemException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            // The status line alone still says what went wrong.
            body = "";
        }

        return new AdminProblemException(AdminProblems.FromAnswer((int)response.StatusCode, response.ReasonPhrase, body));
    }

    private T Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, AdminJson.Options) ?? throw new JsonException("the answer is null");
        }
        catch (JsonException e)
        {
            throw new AdminProblemException(AdminProblems.Unexpected($"the answer of {Node} is not a {typeof(T).Name}: {e.Message}"));
        }
    }

    private JsonElement? ParseOptional(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AdminProblemException(AdminProblems.Unexpected($"the answer of {Node} is not JSON: {e.Message}"));
        }
    }
}
