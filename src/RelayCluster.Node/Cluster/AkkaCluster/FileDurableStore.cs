using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.DistributedData.Durable;
using Akka.Event;
using Akka.Serialization;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>
/// The replicator's durable store: one file per key under <c>state-dir</c>, each write to a temp file, fsync, then
/// rename over the old one, so a crash leaves the old or the new value, never half of one. Hand-written because the
/// LMDB store that ships with Akka.DistributedData does not run here; it speaks the same messages (<see cref="LoadAll"/>
/// answered by <see cref="LoadData"/> and <see cref="LoadAllCompleted"/>, <see cref="Store"/> with its
/// <see cref="StoreReply"/>).
/// </summary>
public sealed class FileDurableStore : ReceiveActor
{
    private const string Suffix = ".ddata";
    private readonly string _directory;
    private readonly SerializerWithStringManifest _serializer;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Created by the replicator with its <c>durable</c> config; <c>relay-file.dir</c> is the directory.</summary>
    public FileDurableStore(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _directory = config.GetString("relay-file.dir");
        Directory.CreateDirectory(_directory);
        _serializer = (SerializerWithStringManifest)Context.System.Serialization.FindSerializerForType(typeof(DurableDataEnvelope));
        Receive<LoadAll>(_ => Load());
        Receive<Store>(Write);
    }

    private void Load()
    {
        var data = ImmutableDictionary.CreateBuilder<string, DurableDataEnvelope>();
        try
        {
            foreach (var file in Directory.EnumerateFiles(_directory, "*" + Suffix))
            {
                var key = Uri.UnescapeDataString(Path.GetFileName(file)[..^Suffix.Length]);
                var bytes = File.ReadAllBytes(file);
                var manifestLength = bytes[0];
                var manifest = System.Text.Encoding.UTF8.GetString(bytes, 1, manifestLength);
                data[key] = (DurableDataEnvelope)_serializer.FromBinary(bytes[(1 + manifestLength)..], manifest);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Runtime.Serialization.SerializationException or IndexOutOfRangeException or ArgumentException)
        {
            throw new LoadFailedException($"cannot load the cluster state from {_directory}", e);
        }

        if (data.Count > 0)
        {
            Sender.Tell(new LoadData(data.ToImmutable()));
        }

        Sender.Tell(LoadAllCompleted.Instance);
    }

    private void Write(Store store)
    {
        var file = Path.Combine(_directory, Uri.EscapeDataString(store.Key) + Suffix);
        var temp = file + ".tmp";
        try
        {
            // The file: one byte of manifest length, the manifest, then the serializer's bytes.
            var manifest = System.Text.Encoding.UTF8.GetBytes(_serializer.Manifest(store.Data));
            var bytes = _serializer.ToBinary(store.Data);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.WriteByte((byte)manifest.Length);
                stream.Write(manifest);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, file, overwrite: true);
            store.Reply?.ReplyTo.Tell(store.Reply.SuccessMessage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Error(e, "cannot store {0} in {1}", store.Key, _directory);
            store.Reply?.ReplyTo.Tell(store.Reply.FailureMessage);
        }
    }
}
