namespace RelayCluster.Core.Configuration;

/// <summary>How log events are written (<c>relay.log.format</c>).</summary>
public enum LogFormat
{
    /// <summary>One human-readable line per event (<c>text</c>).</summary>
    Text,

    /// <summary>One JSON object per line, for log shippers (<c>json</c>).</summary>
    Json,
}
