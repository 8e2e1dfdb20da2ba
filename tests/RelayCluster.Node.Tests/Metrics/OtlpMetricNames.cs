namespace RelayCluster.Node.Tests.Metrics;

/// <summary>
/// Reads the metric names out of an OTLP <c>ExportMetricsServiceRequest</c> in protobuf: resource_metrics (1) →
/// scope_metrics (2) → metrics (2) → name (1). Every other field is skipped by its wire type.
/// </summary>
internal static class OtlpMetricNames
{
    public static IReadOnlyList<string> Read(ReadOnlySpan<byte> request)
    {
        var names = new List<string>();
        foreach (var resource in Fields(request, 1))
        {
            foreach (var scope in Fields(resource, 2))
            {
                foreach (var metric in Fields(scope, 2))
                {
                    names.AddRange(Fields(metric, 1).Select(name => System.Text.Encoding.UTF8.GetString(name)));
                }
            }
        }

        return names;
    }

    // The length-delimited values of field number <paramref name="wanted"/>.
    private static List<byte[]> Fields(ReadOnlySpan<byte> message, int wanted)
    {
        var found = new List<byte[]>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if (field == wanted)
                    {
                        found.Add(message.Slice(at, length).ToArray());
                    }

                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {key & 7} at byte {at}.");
            }
        }

        return found;
    }

    private static ulong Varint(ReadOnlySpan<byte> message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
