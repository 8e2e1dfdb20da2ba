using Microsoft.Extensions.Configuration;

namespace RelayCluster.Hocon;

/// <summary>Flattens a resolved tree into configuration keys joined by <see cref="ConfigurationPath.KeyDelimiter"/>.</summary>
internal static class HoconFlattener
{
    public static Dictionary<string, string?> Flatten(HoconObject root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in root.Fields)
        {
            Add(data, field.Key, field.Value);
        }

        return data;
    }

    private static void Add(Dictionary<string, string?> data, string key, HoconValue value)
    {
        switch (value)
        {
            case HoconObject { Fields.Count: 0 }:
            case HoconArray { Items.Count: 0 }:
                data[key] = null;
                break;
            case HoconObject obj:
                foreach (var field in obj.Fields)
                {
                    Add(data, ConfigurationPath.Combine(key, field.Key), field.Value);
                }

                break;
            case HoconArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Add(data, ConfigurationPath.Combine(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), array.Items[i]);
                }

                break;
            case HoconScalar { Kind: HoconKind.Null }:
                data[key] = null;
                break;
            case HoconScalar scalar:
                data[key] = scalar.Text;
                break;
        }
    }
}
