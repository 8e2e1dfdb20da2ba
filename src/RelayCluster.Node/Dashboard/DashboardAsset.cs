namespace RelayCluster.Node.Dashboard;

/// <summary>One file of the dashboard, read once from the assembly's embedded resources.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType)
{
    public static DashboardAsset Load(string fileName, string contentType)
    {
        var name = $"RelayCluster.Node.Dashboard.Assets.{fileName}";
        using var stream = typeof(DashboardAsset).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The dashboard file {name} is not embedded in the node.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new DashboardAsset(copy.ToArray(), contentType);
    }
}
