using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RelayCluster.Etcd.Internal;

/// <summary>The open answer of a gateway stream: one JSON object per line, read as they arrive.</summary>
internal sealed class GatewayStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    public GatewayStream(HttpResponseMessage response, Stream stream, Uri endpoint)
    {
        _response = response;
        _reader = new StreamReader(stream);
        Endpoint = endpoint;
    }

    /// <summary>The endpoint the stream is open to.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Reads the next object; null when the stream ended, broke or sent something unreadable. Throws only
    /// <see cref="OperationCanceledException"/>, when <paramref name="cancellationToken"/> is canceled.
    /// </summary>
    public async Task<T?> ReadAsync<T>(JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            while (await _reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    return JsonSerializer.Deserialize(line, type);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or ObjectDisposedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
        }

        return null;
    }

    /// <summary>Closes the stream and its connection.</summary>
    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
