using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace RelayCluster.Core.Configuration;

/// <summary>Maps an enum's members to and from their kebab-case config names; parsing ignores case.</summary>
internal static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (string Name, TEnum Value)[] s_entries =
        Enum.GetValues<TEnum>().Select(value => (ToKebabCase(value.ToString()), value)).ToArray();

    public static IReadOnlyList<string> Names { get; } = s_entries.Select(entry => entry.Name).ToArray();

    public static bool TryParse(string text, [MaybeNullWhen(false)] out TEnum value)
    {
        foreach (var (name, candidate) in s_entries)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string NameOf(TEnum value)
    {
        foreach (var (name, candidate) in s_entries)
        {
            if (EqualityComparer<TEnum>.Default.Equals(candidate, value))
            {
                return name;
            }
        }

        return value.ToString();
    }

    private static string ToKebabCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsAsciiLetterUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
