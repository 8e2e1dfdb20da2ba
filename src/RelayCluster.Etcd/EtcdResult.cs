using System.Diagnostics.CodeAnalysis;

namespace RelayCluster.Etcd;

/// <summary>The outcome of an etcd call: a value, or an <see cref="EtcdError"/>. Calls never throw for etcd or network failures.</summary>
/// <typeparam name="T">The type of the value of a successful call.</typeparam>
public readonly struct EtcdResult<T>
{
    private readonly T _value;

    /// <summary>Creates a successful result.</summary>
    public EtcdResult(T value)
    {
        _value = value;
        Error = null;
    }

    /// <summary>Creates a failed result.</summary>
    public EtcdResult(EtcdError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _value = default!;
        Error = error;
    }

    /// <summary>Whether the call succeeded; when false, <see cref="Error"/> says why.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value of a successful call; throws <see cref="InvalidOperationException"/> on a failed one.</summary>
    public T Value => Error is null ? _value : throw new InvalidOperationException($"The etcd call failed: {Error}");

    /// <summary>Why the call failed, or null when it succeeded.</summary>
    public EtcdError? Error { get; }

    /// <summary>Formats the result as its value or its error.</summary>
    public override string ToString() => Error is null ? $"{_value}" : Error.ToString();
}
