using System.Text;
using RelayCluster.Etcd.Kv;
using RelayCluster.Etcd.Watching;

namespace RelayCluster.Etcd.Internal;

/// <summary>Turns the gateway's messages into the public model.</summary>
internal static class Mapping
{
    public static EtcdKeyValue ToKeyValue(KeyValueMessage message) => new()
    {
        Key = message.Key is null ? "" : Encoding.UTF8.GetString(message.Key),
        Value = message.Value ?? [],
        CreateRevision = message.CreateRevision,
        ModRevision = message.ModRevision,
        Version = message.Version,
        Lease = message.Lease,
    };

    public static IReadOnlyList<EtcdKeyValue> ToKeyValues(List<KeyValueMessage>? messages) =>
        messages is null or { Count: 0 } ? [] : messages.ConvertAll(ToKeyValue);

    public static EtcdWatchEvent? ToEvent(EventMessage message)
    {
        if (message.Kv is null)
        {
            return null;
        }

        var type = message.Type == "DELETE" ? EtcdWatchEventType.Delete : EtcdWatchEventType.Put;
        return new EtcdWatchEvent(type, ToKeyValue(message.Kv), message.PrevKv is null ? null : ToKeyValue(message.PrevKv));
    }

    public static CompareMessage ToMessage(EtcdCompare compare)
    {
        var message = new CompareMessage
        {
            Key = KeyRange.Key(compare.Key),
            Result = compare.Operator switch
            {
                EtcdCompareOperator.Equal => "EQUAL",
                EtcdCompareOperator.Greater => "GREATER",
                EtcdCompareOperator.Less => "LESS",
                _ => "NOT_EQUAL",
            },
        };
        switch (compare.Target)
        {
            case EtcdCompareTarget.Version:
                message.Target = "VERSION";
                message.Version = compare.Number;
                break;
            case EtcdCompareTarget.CreateRevision:
                message.Target = "CREATE";
                message.CreateRevision = compare.Number;
                break;
            case EtcdCompareTarget.ModRevision:
                message.Target = "MOD";
                message.ModRevision = compare.Number;
                break;
            case EtcdCompareTarget.Value:
                message.Target = "VALUE";
                message.Value = compare.Value.ToArray();
                break;
            default:
                message.Target = "LEASE";
                message.Lease = compare.Number;
                break;
        }

        return message;
    }

    public static RequestOpMessage ToMessage(EtcdOperation operation)
    {
        var (key, rangeEnd) = KeyRange.For(operation.Key, operation.Prefix);
        return operation.Kind switch
        {
            EtcdOperationKind.Range => new RequestOpMessage { RequestRange = new RangeRequest { Key = key, RangeEnd = rangeEnd } },
            EtcdOperationKind.Put => new RequestOpMessage
            {
                RequestPut = new PutRequest { Key = key, Value = operation.Value.ToArray(), Lease = operation.Lease },
            },
            _ => new RequestOpMessage { RequestDeleteRange = new DeleteRangeRequest { Key = key, RangeEnd = rangeEnd } },
        };
    }

    public static EtcdOperationResult ToResult(ResponseOpMessage message)
    {
        if (message.ResponseRange is { } range)
        {
            return new EtcdOperationResult(EtcdOperationKind.Range, ToKeyValues(range.Kvs), 0);
        }

        if (message.ResponseDeleteRange is { } delete)
        {
            return new EtcdOperationResult(EtcdOperationKind.Delete, [], delete.Deleted);
        }

        return new EtcdOperationResult(EtcdOperationKind.Put, [], 0);
    }
}
