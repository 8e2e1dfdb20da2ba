using System.Net.Security;

namespace RelayCluster.Node.Tls;

/// <summary>
/// An <see cref="SslStream"/> whose close_notify can be sent while the other direction reads. On Linux the stream
/// decrypts under its own lock but sends close_notify without it, and OpenSSL must never run both at once on one
/// connection: that corrupts its state and can crash the process. Here the reader holds a gate while it decrypts and
/// gives it up only while it waits for bytes from the socket; <see cref="ShutdownAsync"/> takes the gate to start
/// the close_notify, so it runs between reads.
/// </summary>
/// <remarks>Reads, writes and the shutdown follow the rules of <see cref="SslStream"/>: one read and one write at a time.</remarks>
internal sealed class TlsStream : Stream
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Transport _transport;

    /// <summary>Wraps <paramref name="transport"/>, which the stream owns from now on.</summary>
    public TlsStream(Stream transport)
    {
        _transport = new Transport(transport, _gate);
        Ssl = new SslStream(_transport, leaveInnerStreamOpen: false);
    }

    /// <summary>The stream to authenticate with; once authenticated, read and shut down through this wrapper.</summary>
    public SslStream Ssl { get; }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads and decrypts, holding the gate except while waiting for the socket.</summary>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _transport.Reading = true;
        try
        {
            return await Ssl.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _transport.Reading = false;
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Ssl.WriteAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Ssl.WriteAsync(buffer, offset, count, cancellationToken);

    /// <summary>Sends close_notify, never while a read is decrypting.</summary>
    public async Task ShutdownAsync()
    {
        Task sending;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // The alert is built synchronously inside the call; only writing it out is left to the task.
            sending = Ssl.ShutdownAsync();
        }
        finally
        {
            _gate.Release();
        }

        await sending.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Ssl.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override void Flush() => Ssl.Flush();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Write asynchronously.");

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await Ssl.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Ssl.Dispose();
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The socket side of the <see cref="SslStream"/>: a read made for <see cref="ReadAsync(Memory{byte}, CancellationToken)"/> gives up the gate while it waits.</summary>
    private sealed class Transport(Stream inner, SemaphoreSlim gate) : Stream
    {
        public volatile bool Reading;

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!Reading)
            {
                // The handshake: nothing else uses the connection yet.
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            gate.Release();
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Taken back whatever happened, so the outer read's release stays balanced; a shutdown holds it only briefly.
                await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
