using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace RelayCluster.Core.Configuration;

/// <summary>A probe payload as written: <c>hex:</c> and hex digits (spaces allowed), or plain text sent as UTF-8.</summary>
internal static class ProbePayload
{
    private const string HexPrefix = "hex:";

    public static bool TryParse(string text, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? reason)
    {
        reason = null;
        if (!text.StartsWith(HexPrefix, StringComparison.OrdinalIgnoreCase))
        {
            bytes = Encoding.UTF8.GetBytes(text);
            return true;
        }

        var digits = string.Concat(text.AsSpan(HexPrefix.Length).ToString().Where(c => !char.IsWhiteSpace(c)));
        if (digits.Length % 2 != 0 || !digits.All(char.IsAsciiHexDigit))
        {
            bytes = null;
            reason = digits.Length % 2 != 0
                ? "has an odd number of hex digits; each byte is two digits"
                : $"has '{digits.First(c => !char.IsAsciiHexDigit(c))}', which is not a hex digit (0-9, a-f)";
            return false;
        }

        bytes = Convert.FromHexString(digits);
        return true;
    }
}
