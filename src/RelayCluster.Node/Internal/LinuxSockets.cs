using System.Runtime.InteropServices;
using System.Net.Sockets;

namespace RelayCluster.Node.Internal;

/// <summary>
/// The few Linux calls the UDP and TCP workers make directly: epoll, non-blocking receives and sends that report
/// "no more data" or "no more room" as a value, and the bare connected UDP sockets of the epoll worker's sessions.
/// Everything else stays on <see cref="System.Net.Sockets.Socket"/>.
/// </summary>
internal static unsafe partial class LinuxSockets
{
    public const int EpollIn = 0x001;
    public const int EpollOut = 0x004;
    public const int EpollErr = 0x008;
    public const int EpollHup = 0x010;
    public const int EpollRdHup = 0x2000;
    public const uint EpollEdgeTriggered = 1u << 31;
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const int EpollCtlMod = 3;
    public const int EpollCloexec = 0x80000;
    public const int MsgDontWait = 0x40;
    public const int MsgNoSignal = 0x4000;
    public const int ShutWrite = 1;
    public const int Eagain = 11;
    public const int Eintr = 4;
    public const int Eio = 5;
    public const int Einval = 22;
    public const int Emsgsize = 90;
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockDgram = 2;
    public const int SockCloexec = 0x80000;
    public const int SolSocket = 1;
    public const int SoSndBuf = 7;
    public const int SoRcvBuf = 8;

    /// <summary>The size of <c>struct epoll_event</c>: packed to 12 bytes on x86-64, 16 elsewhere.</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>Where the 64-bit user data sits in <c>struct epoll_event</c>.</summary>
    public static readonly int EpollDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollControl(int epoll, int operation, int fd, byte* epollEvent);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, byte* address, uint length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetOption(int fd, int level, int name, int* value, uint length);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    public static partial int LocalAddress(int fd, byte* address, uint* length);

    /// <summary>The local port of the bare socket <paramref name="handle"/> (Linux), or 0 once it is closed.</summary>
    public static int LocalPort(SafeSocketHandle handle)
    {
        var address = stackalloc byte[128];
        uint length = 128;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            // sockaddr_in and sockaddr_in6 both keep the port in network order right after the 2-byte family.
            return LocalAddress((int)handle.DangerousGetHandle(), address, &length) == 0 ? (address[2] << 8) | address[3] : 0;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Registers <paramref name="fd"/> for readability with <paramref name="data"/> as its tag.</summary>
    public static int EpollAdd(int epoll, int fd, ulong data) => EpollAdd(epoll, fd, EpollIn, data);

    /// <summary>Registers <paramref name="fd"/> for <paramref name="events"/> with <paramref name="data"/> as its tag.</summary>
    public static int EpollAdd(int epoll, int fd, uint events, ulong data)
    {
        var epollEvent = stackalloc byte[16];
        *(uint*)epollEvent = events;
        *(ulong*)(epollEvent + EpollDataOffset) = data;
        return EpollControl(epoll, EpollCtlAdd, fd, epollEvent);
    }

    /// <summary>Changes the events and the tag of <paramref name="fd"/>, already in <paramref name="epoll"/>.</summary>
    public static int EpollModify(int epoll, int fd, uint events, ulong data)
    {
        var epollEvent = stackalloc byte[16];
        *(uint*)epollEvent = events;
        *(ulong*)(epollEvent + EpollDataOffset) = data;
        return EpollControl(epoll, EpollCtlMod, fd, epollEvent);
    }

    /// <summary>Removes <paramref name="fd"/> from <paramref name="epoll"/>.</summary>
    public static int EpollRemove(int epoll, int fd)
    {
        var epollEvent = stackalloc byte[16];
        return EpollControl(epoll, EpollCtlDel, fd, epollEvent);
    }
}
