using System.Text;
using System.Text.RegularExpressions;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Health;

namespace RelayCluster.Node.Health.Internal;

/// <summary>Judges a reply against <c>udp-probe.expect</c>: its leading bytes, or a pattern over its Latin-1 text.</summary>
internal static class ProbeReply
{
    public static ProbeResult Check(UdpProbeConfig config, ReadOnlySpan<byte> reply)
    {
        if (config.ExpectPattern is { } pattern)
        {
            return Match(pattern, reply);
        }

        return reply.StartsWith(config.Expect.Span)
            ? ProbeResult.Passed
            : ProbeResult.Failed(
                HealthFailureReason.Mismatch,
                $"reply {ProbeText.Preview(reply)} does not start with {Convert.ToHexString(config.Expect.Span)}");
    }

    private static ProbeResult Match(Regex pattern, ReadOnlySpan<byte> reply)
    {
        // Latin-1 maps each byte to the character of the same number, so \xFF in a pattern matches byte 0xFF.
        var text = Encoding.Latin1.GetString(reply);
        try
        {
            return pattern.IsMatch(text)
                ? ProbeResult.Passed
                : ProbeResult.Failed(HealthFailureReason.Mismatch, $"reply {ProbeText.Preview(reply)} does not match regex:{pattern}");
        }
        catch (RegexMatchTimeoutException)
        {
            return ProbeResult.Failed(
                HealthFailureReason.Error,
                $"regex:{pattern} took over {ProbeText.Duration(pattern.MatchTimeout)} on a reply of {reply.Length} bytes");
        }
    }
}
