using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RelayCluster.Hocon;

/// <summary>Renders resolved HOCON values as JSON: numbers as written, keys in the order of <see cref="HoconObject.Fields"/>.</summary>
public static class HoconJson
{
    /// <summary>Renders <paramref name="value"/> as a JSON document, indented by default.</summary>
    public static string ToJson(HoconValue value, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = int.MaxValue,
        }))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="writer"/> as one JSON value.</summary>
    public static void Write(Utf8JsonWriter writer, HoconValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var field in obj.Fields)
                {
                    writer.WritePropertyName(field.Key);
                    Write(writer, field.Value);
                }

                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case HoconScalar scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw new ArgumentException($"Unknown HOCON value type {value.GetType().Name}.", nameof(value));
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, HoconScalar scalar)
    {
        switch (scalar.Kind)
        {
            case HoconKind.Number:
                writer.WriteRawValue(scalar.Text);
                break;
            case HoconKind.Boolean:
                writer.WriteBooleanValue(scalar.Text == "true");
                break;
            case HoconKind.Null:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(scalar.Text);
                break;
        }
    }
}
