using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RelayCluster.Etcd.Internal;

/// <summary>Reads what the gateway answered: a JSON message, or the error of a non-2xx answer.</summary>
internal static class GatewayAnswer
{
    public static async Task<EtcdResult<TResponse>> ReadJsonAsync<TResponse>(
        HttpResponseMessage response,
        Uri endpoint,
        string path,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var value = JsonSerializer.Deserialize(bytes, responseType);
            if (value is null or IEtcdResponse { Header: null })
            {
                return new EtcdResult<TResponse>(Errors.Unreadable(endpoint, path, $"no response header in {Excerpt(bytes)}"));
            }

            return new EtcdResult<TResponse>(value);
        }
    }

    public static async Task<EtcdError> ReadErrorAsync(HttpResponseMessage response, Uri endpoint, string path, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        try
        {
            if (JsonSerializer.Deserialize(bytes, EtcdJsonContext.Default.GatewayError) is { } error)
            {
                return Errors.FromAnswer(endpoint, path, status, error.Code, error.Message ?? error.Error ?? response.ReasonPhrase ?? "");
            }
        }
        catch (JsonException)
        {
            // A stream that fails before its first message nests the error: {"error": {"grpc_code": ..., "message": ...}}.
            try
            {
                if (JsonSerializer.Deserialize(bytes, EtcdJsonContext.Default.StreamErrorMessage) is { Error: { } nested })
                {
                    return Errors.FromAnswer(endpoint, path, status, nested.GrpcCode, nested.Message ?? response.ReasonPhrase ?? "");
                }
            }
            catch (JsonException)
            {
            }
        }

        return Errors.FromAnswer(endpoint, path, status, 0, bytes.Length == 0 ? response.ReasonPhrase ?? "" : Excerpt(bytes));
    }

    private static string Excerpt(byte[] bytes) =>
        bytes.Length <= 200 ? Encoding.UTF8.GetString(bytes) : Encoding.UTF8.GetString(bytes, 0, 200) + "...";
}
