using System.Text;
using RelayCluster.Etcd.Internal;

namespace RelayCluster.Etcd.Tests.Internal;

public sealed class KeyRangeTests
{
    [Theory]
    [InlineData("/relay/", false, "/relay/", null)]
    [InlineData("/relay/", true, "/relay/", "/relay0")]
    [InlineData("a", true, "a", "b")]
    [InlineData("", true, "\0", "\0")]
    public void For_KeyOrPrefix_GivesHalfOpenRange(string key, bool prefix, string expectedKey, string? expectedEnd)
    {
        var (start, end) = KeyRange.For(key, prefix);

        Assert.Equal(expectedKey, Encoding.UTF8.GetString(start));
        Assert.Equal(expectedEnd, end is null ? null : Encoding.UTF8.GetString(end));
    }
}
