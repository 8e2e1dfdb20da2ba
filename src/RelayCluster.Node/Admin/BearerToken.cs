using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RelayCluster.Node.Admin;

/// <summary>Checks the Bearer token of a mutation in constant time, so the comparison leaks nothing of the token.</summary>
internal static class BearerToken
{
    public static bool IsAuthorized(HttpRequest request, string? token)
    {
        if (token is null)
        {
            return true;
        }

        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
