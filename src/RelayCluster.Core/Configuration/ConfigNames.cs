namespace RelayCluster.Core.Configuration;

/// <summary>The names that config files use for enum values: the member name in kebab case, as in <c>tcp-connect</c>.</summary>
public static class ConfigNames
{
    /// <summary>The config name of <paramref name="value"/>, such as <c>udp</c> for <see cref="RuleProtocol.Udp"/>.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => EnumNames<TEnum>.NameOf(value);
}
