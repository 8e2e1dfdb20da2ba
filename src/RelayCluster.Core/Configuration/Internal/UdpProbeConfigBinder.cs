using System.Text.RegularExpressions;

namespace RelayCluster.Core.Configuration;

/// <summary>Binds <c>health.udp-probe</c>: the payload sent, and the reply expected as a prefix or a pattern.</summary>
internal static class UdpProbeConfigBinder
{
    private const string RegexPrefix = "regex:";

    public static UdpProbeConfig Bind(ConfigSection probe)
    {
        var send = BindPayload(probe, "send");
        var expect = probe.String("expect");
        if (expect is null || !expect.StartsWith(RegexPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new UdpProbeConfig { Send = send, Expect = BindPayload(probe, "expect") };
        }

        return new UdpProbeConfig { Send = send, ExpectPattern = BindPattern(probe, expect) };
    }

    private static byte[] BindPayload(ConfigSection probe, string key)
    {
        var text = probe.String(key);
        if (text is null)
        {
            return [];
        }

        if (ProbePayload.TryParse(text, out var bytes, out var reason))
        {
            return bytes;
        }

        probe.Error(probe.PositionOf(key), key, $"'{text}' {reason}; write text, or hex: and pairs of hex digits such as hex:FFFFFFFF");
        return [];
    }

    private static Regex? BindPattern(ConfigSection probe, string text)
    {
        try
        {
            return new Regex(text[RegexPrefix.Length..], RegexOptions.CultureInvariant, UdpProbeConfig.PatternMatchTimeout);
        }
        catch (RegexParseException e)
        {
            probe.Error(
                probe.PositionOf("expect"),
                "expect",
                $"'{text}' is not a valid regular expression: {Describe(e.Error)} at offset {e.Offset} of the pattern");
            return null;
        }
    }

    // RegexParseError names read as sentences once split: InsufficientClosingParentheses -> "insufficient closing parentheses".
    private static string Describe(RegexParseError error) => ConfigNames.Of(error).Replace('-', ' ');
}
