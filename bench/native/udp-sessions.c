// udp-sessions: opens many UDP sessions through a relay and measures how fast the relay opens them. Each flow is one
// client address and port that sends one datagram and waits for its reply (sent again after --timeout, up to --tries
// times); a reply means the relay opened the flow's session and relayed both ways. The flow's socket is closed after
// its reply, so the sessions stay open and idle in the relay while this process holds only --window sockets at a time.
//
//   udp-sessions --target 127.0.0.1:PORT --sessions N [--sources 8] [--first-source 127.0.0.2] [--port-base 10000]
//                [--port-count 22000] [--window 512] [--timeout 1] [--tries 3] [--size 32]
//
// Flows take client addresses --first-source and the --sources - 1 addresses after it, and on each the ports
// --port-base .. --port-base + --port-count - 1 (below Linux's default ephemeral range, so they do not take the ports
// the relay's upstream sockets need); a pair that cannot be bound is skipped. Prints one "key: value" line per result.
// Opened sessions per second: first replies counted in 100 ms bins, the median bin from the first reply to the last
// full bin, and the mean over the whole run.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BIN_NS 100000000ull
#define MAX_BINS 36000 // an hour of 100 ms bins

struct slot {
    int fd; // -1 when free
    uint32_t flow;
    int tries;
    uint64_t sent_ns;
};

struct header {
    uint32_t run;
    uint32_t flow;
};

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static int compare(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int parse_address(const char *text, struct sockaddr_in *address)
{
    char host[64];
    const char *colon = strrchr(text, ':');
    memset(address, 0, sizeof *address);
    address->sin_family = AF_INET;
    if (colon) {
        if ((size_t)(colon - text) >= sizeof host)
            return -1;
        memcpy(host, text, (size_t)(colon - text));
        host[colon - text] = 0;
        address->sin_port = htons((unsigned short)atoi(colon + 1));
    } else {
        snprintf(host, sizeof host, "%s", text);
    }
    return inet_pton(AF_INET, host, &address->sin_addr) == 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *target_text = NULL, *first_source_text = "127.0.0.2";
    long sessions = 0;
    int sources = 8, port_base = 10000, port_count = 22000, window = 512, tries = 3, size = 32;
    double timeout = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *name = argv[i], *value = argv[i + 1];
        if (!strcmp(name, "--target"))
            target_text = value;
        else if (!strcmp(name, "--sessions"))
            sessions = atol(value);
        else if (!strcmp(name, "--sources"))
            sources = atoi(value);
        else if (!strcmp(name, "--first-source"))
            first_source_text = value;
        else if (!strcmp(name, "--port-base"))
            port_base = atoi(value);
        else if (!strcmp(name, "--port-count"))
            port_count = atoi(value);
        else if (!strcmp(name, "--window"))
            window = atoi(value);
        else if (!strcmp(name, "--timeout"))
            timeout = strtod(value, NULL);
        else if (!strcmp(name, "--tries"))
            tries = atoi(value);
        else if (!strcmp(name, "--size"))
            size = atoi(value);
        else {
            fprintf(stderr, "udp-sessions: unknown option %s\n", name);
            return 2;
        }
    }
    struct sockaddr_in target, first_source;
    if (!target_text || parse_address(target_text, &target) != 0 || sessions <= 0) {
        fprintf(stderr, "usage: udp-sessions --target 127.0.0.1:PORT --sessions N [options]\n");
        return 2;
    }
    if (parse_address(first_source_text, &first_source) != 0 || sources < 1 || port_base < 1 || port_count < 1 ||
        port_base + port_count > 65536 || window < 1 || tries < 1 || size < (int)sizeof(struct header) || size > 65507) {
        fprintf(stderr, "udp-sessions: bad option value\n");
        return 2;
    }
    if ((long)sources * port_count < sessions) {
        fprintf(stderr, "udp-sessions: %d sources x %d ports hold fewer than %ld flows\n", sources, port_count, sessions);
        return 2;
    }

    uint32_t run = (uint32_t)(now_ns() ^ (uint64_t)getpid());
    uint64_t timeout_ns = (uint64_t)(timeout * 1e9);
    struct slot *slots = calloc((size_t)window, sizeof *slots);
    uint32_t *bins = calloc(MAX_BINS, sizeof *bins);
    char *out = calloc(1, (size_t)size), in[65536];
    int epoll = epoll_create1(0);
    if (!slots || !bins || !out || epoll < 0) {
        perror("udp-sessions");
        return 1;
    }
    for (int i = 0; i < window; i++)
        slots[i].fd = -1;

    long next_flow = 0, replied = 0, unanswered = 0, bind_skipped = 0, send_errors = 0, wrong = 0, in_flight = 0;
    long pair = 0, pairs = (long)sources * port_count; // pair p: source p % sources, port port_base + p / sources
    uint32_t first_source_host = ntohl(first_source.sin_addr.s_addr);
    uint64_t start = now_ns(), first_reply = 0, last_reply = 0;
    int exhausted = 0;

    for (;;) {
        // Fill free slots with new flows.
        for (int s = 0; s < window && next_flow < sessions && !exhausted; s++) {
            if (slots[s].fd >= 0)
                continue;
            int fd = -1;
            while (fd < 0) {
                if (pair >= pairs) {
                    exhausted = 1;
                    break;
                }
                struct sockaddr_in source = { .sin_family = AF_INET };
                source.sin_addr.s_addr = htonl(first_source_host + (uint32_t)(pair % sources));
                source.sin_port = htons((unsigned short)(port_base + pair / sources));
                pair++;
                fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
                if (fd < 0) {
                    perror("socket");
                    return 1;
                }
                if (bind(fd, (struct sockaddr *)&source, sizeof source) != 0 ||
                    connect(fd, (struct sockaddr *)&target, sizeof target) != 0) {
                    close(fd);
                    fd = -1;
                    bind_skipped++;
                }
            }
            if (fd < 0)
                break;
            struct epoll_event event = { .events = EPOLLIN, .data.u32 = (uint32_t)s };
            epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
            slots[s] = (struct slot){ fd, (uint32_t)next_flow++, 1, now_ns() };
            struct header header = { run, slots[s].flow };
            memcpy(out, &header, sizeof header);
            if (send(fd, out, (size_t)size, 0) < 0)
                send_errors++;
            in_flight++;
        }
        if (in_flight == 0)
            break;

        struct epoll_event events[256];
        int count = epoll_wait(epoll, events, 256, 10);
        uint64_t now = now_ns();
        for (int i = 0; i < count; i++) {
            struct slot *slot = &slots[events[i].data.u32];
            if (slot->fd < 0)
                continue;
            ssize_t length = recv(slot->fd, in, sizeof in, 0);
            if (length < 0)
                continue; // ECONNREFUSED from an unreachable relay, or nothing after all: the timeout resends
            struct header header;
            if (length < (ssize_t)sizeof header) {
                wrong++;
                continue;
            }
            memcpy(&header, in, sizeof header);
            if (header.run != run || header.flow != slot->flow) {
                wrong++;
                continue;
            }
            replied++;
            if (!first_reply)
                first_reply = now;
            last_reply = now;
            uint64_t bin = (now - start) / BIN_NS;
            if (bin < MAX_BINS)
                bins[bin]++;
            close(slot->fd);
            slot->fd = -1;
            in_flight--;
        }
        for (int s = 0; s < window; s++) {
            struct slot *slot = &slots[s];
            if (slot->fd < 0 || now - slot->sent_ns < timeout_ns)
                continue;
            if (slot->tries >= tries) {
                unanswered++;
                close(slot->fd);
                slot->fd = -1;
                in_flight--;
                continue;
            }
            slot->tries++;
            slot->sent_ns = now;
            struct header header = { run, slot->flow };
            memcpy(out, &header, sizeof header);
            if (send(slot->fd, out, (size_t)size, 0) < 0)
                send_errors++;
        }
    }

    double elapsed = (double)(now_ns() - start) / 1e9;
    double median = 0, mean = 0;
    if (replied > 0) {
        uint64_t from = (first_reply - start) / BIN_NS, to = (last_reply - start) / BIN_NS; // `to` is partial
        if (to > MAX_BINS)
            to = MAX_BINS;
        long full = (long)to - (long)from;
        if (full > 0) {
            uint32_t *sorted = malloc((size_t)full * sizeof *sorted);
            memcpy(sorted, bins + from, (size_t)full * sizeof *sorted);
            qsort(sorted, (size_t)full, sizeof *sorted, compare);
            median = (full % 2 ? sorted[full / 2] : (sorted[full / 2 - 1] + sorted[full / 2]) / 2.0) * 1e9 / BIN_NS;
            free(sorted);
        }
        double span = (double)(last_reply - start) / 1e9;
        mean = span > 0 ? replied / span : 0;
        if (full <= 0)
            median = mean; // the whole run fit in one bin
    }
    printf("flows: %ld\n", next_flow);
    printf("replied: %ld\n", replied);
    printf("unanswered: %ld\n", unanswered);
    printf("wrong replies: %ld\n", wrong);
    printf("send errors: %ld\n", send_errors);
    printf("addresses skipped: %ld\n", bind_skipped);
    printf("seconds: %.2f\n", elapsed);
    printf("sessions/s median: %.0f\n", median);
    printf("sessions/s mean: %.0f\n", mean);
    return next_flow < sessions ? 1 : 0;
}
