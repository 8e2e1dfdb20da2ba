using System.Text;

namespace RelayCluster.Etcd.Internal;

/// <summary>Turns a key or a prefix into etcd's half-open byte range [key, range_end).</summary>
internal static class KeyRange
{
    private static readonly byte[] s_zero = [0];

    public static byte[] Key(string key) => Encoding.UTF8.GetBytes(key);

    public static (byte[] Key, byte[]? RangeEnd) For(string key, bool prefix)
    {
        var bytes = Key(key);
        if (!prefix)
        {
            return (bytes, null);
        }

        // The end of a prefix is the prefix with its last byte below 0xff incremented; with none, or an empty prefix,
        // "\0" tells etcd to read to the end of the keyspace.
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (bytes[i] < 0xff)
            {
                var end = bytes.AsSpan(0, i + 1).ToArray();
                end[i]++;
                return (bytes.Length == 0 ? s_zero : bytes, end);
            }
        }

        return (bytes.Length == 0 ? s_zero : bytes, s_zero);
    }
}
