namespace RelayCluster.Core.Tests.ProxyProtocol;

/// <summary>Hex strings with spaces between fields, so expected headers read like the spec's layout.</summary>
internal static class Hex
{
    public const string Signature = "0D0A0D0A000D0A515549540A";

    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Normalize(string hex) => hex.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
