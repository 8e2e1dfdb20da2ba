using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Tests.Admission;

/// <summary>Networks for access lists written in tests.</summary>
internal static class Cidr
{
    public static CidrRange Parse(string text) =>
        CidrRange.TryParse(text, out var range, out var reason) ? range : throw new ArgumentException(reason, nameof(text));
}
