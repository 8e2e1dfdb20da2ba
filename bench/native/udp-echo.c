// udp-echo: a lean UDP echo for benchmarks. Each thread owns one SO_REUSEPORT socket on the same address and echoes
// what it reads with blocking recvmmsg/sendmmsg, so the echo spends as little CPU per datagram as the kernel allows.
//
//   udp-echo [--listen 127.0.0.1:0] [--threads 1]
//
// Prints "listening udp ADDRESS:PORT" once bound, then runs until killed.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 64
#define MAX_DATAGRAM 65536

static struct sockaddr_in listen_address;

static int bind_socket(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int one = 1, buffer = 4 << 20;
    if (fd < 0) {
        perror("socket");
        exit(1);
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
    if (bind(fd, (struct sockaddr *)&listen_address, sizeof listen_address) != 0) {
        perror("bind");
        exit(1);
    }
    socklen_t length = sizeof listen_address;
    getsockname(fd, (struct sockaddr *)&listen_address, &length);
    return fd;
}

static void *echo(void *argument)
{
    int fd = (int)(long)argument;
    static __thread struct mmsghdr messages[BATCH];
    static __thread struct iovec vectors[BATCH];
    static __thread struct sockaddr_in peers[BATCH];
    char *buffers = malloc((size_t)BATCH * MAX_DATAGRAM);
    for (;;) {
        for (int i = 0; i < BATCH; i++) {
            vectors[i].iov_base = buffers + (size_t)i * MAX_DATAGRAM;
            vectors[i].iov_len = MAX_DATAGRAM;
            messages[i].msg_hdr = (struct msghdr){ .msg_name = &peers[i], .msg_namelen = sizeof peers[i],
                                                    .msg_iov = &vectors[i], .msg_iovlen = 1 };
        }
        int count = recvmmsg(fd, messages, BATCH, MSG_WAITFORONE, NULL);
        if (count < 0) {
            if (errno == EINTR || errno == ECONNREFUSED)
                continue;
            perror("recvmmsg");
            exit(1);
        }
        for (int i = 0; i < count; i++)
            vectors[i].iov_len = messages[i].msg_len;
        for (int sent = 0; sent < count;) {
            int done = sendmmsg(fd, messages + sent, (unsigned)(count - sent), 0);
            if (done < 0) {
                if (errno == EINTR)
                    continue;
                sent++; // an unreachable peer: skip its datagram
                continue;
            }
            sent += done;
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    const char *listen = "127.0.0.1:0";
    int threads = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--listen"))
            listen = argv[i + 1];
        else if (!strcmp(argv[i], "--threads"))
            threads = atoi(argv[i + 1]);
        else {
            fprintf(stderr, "usage: udp-echo [--listen 127.0.0.1:0] [--threads 1]\n");
            return 2;
        }
    }
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host) {
        fprintf(stderr, "udp-echo: --listen wants ADDRESS:PORT\n");
        return 2;
    }
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = 0;
    listen_address.sin_family = AF_INET;
    listen_address.sin_port = htons((unsigned short)atoi(colon + 1));
    if (inet_pton(AF_INET, host, &listen_address.sin_addr) != 1) {
        fprintf(stderr, "udp-echo: bad address %s\n", host);
        return 2;
    }
    if (threads < 1)
        threads = 1;
    int fds[threads];
    for (int i = 0; i < threads; i++)
        fds[i] = bind_socket(); // the first bind fixes the port; the rest share it
    char text[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &listen_address.sin_addr, text, sizeof text);
    printf("listening udp %s:%d\n", text, ntohs(listen_address.sin_port));
    fflush(stdout);
    for (int i = 1; i < threads; i++) {
        pthread_t thread;
        pthread_create(&thread, NULL, echo, (void *)(long)fds[i]);
    }
    echo((void *)(long)fds[0]);
    return 0;
}
