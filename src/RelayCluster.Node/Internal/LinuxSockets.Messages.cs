using System.Runtime.InteropServices;

namespace RelayCluster.Node.Internal;

/// <summary>
/// <c>recvmmsg</c> and <c>sendmmsg</c>: many datagrams in one system call. .NET's <see cref="System.Net.Sockets.Socket"/>
/// has no batch receive or send, so the UDP worker calls them directly.
/// </summary>
internal static unsafe partial class LinuxSockets
{
    /// <summary>The size of <c>struct mmsghdr</c> on 64-bit Linux: a 56-byte <c>msghdr</c>, then <c>msg_len</c> and padding.</summary>
    public const int MessageHeaderSize = 64;

    /// <summary>Offsets in <c>struct mmsghdr</c> on 64-bit Linux.</summary>
    public const int MessageNameOffset = 0;
    public const int MessageNameLengthOffset = 8;
    public const int MessageVectorOffset = 16;
    public const int MessageVectorCountOffset = 24;
    public const int MessageControlOffset = 32;
    public const int MessageControlLengthOffset = 40;
    public const int MessageLengthOffset = 56;

    /// <summary>The size of <c>struct iovec</c> on 64-bit Linux.</summary>
    public const int VectorSize = 16;

    /// <summary>Room for a <c>sockaddr_in6</c> (28 bytes), rounded up.</summary>
    public const int AddressRoom = 32;

    /// <summary><c>SOL_UDP</c> and its <c>UDP_SEGMENT</c> option (UDP GSO, Linux 4.18+).</summary>
    public const int SolUdp = 17;
    public const int UdpSegment = 103;

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int ReceiveMessages(int fd, byte* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMessages(int fd, byte* messages, uint count, int flags);
}
