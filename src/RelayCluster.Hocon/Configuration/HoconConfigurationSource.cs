using Microsoft.Extensions.Configuration;

namespace RelayCluster.Hocon;

/// <summary>A HOCON file as a source of <see cref="IConfiguration"/> values.</summary>
public sealed class HoconConfigurationSource : FileConfigurationSource
{
    /// <summary>Parse settings and limits; null uses the defaults.</summary>
    public HoconParseOptions? ParseOptions { get; set; }

    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new HoconConfigurationProvider(this);
    }
}
