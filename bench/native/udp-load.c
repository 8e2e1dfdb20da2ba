// udp-load: a lean closed-loop UDP load generator for benchmarks. Each flow is its own connected socket with WINDOW
// datagrams in flight; every reply sends the next datagram. Each datagram carries a run id, its flow, its slot in the
// window, a sequence number and its send time, so a reply that reaches the wrong flow, a duplicate, a stale reply or
// one meant for an earlier run on a reused port is counted instead of timed, and a datagram with no reply within
// 200 ms is counted lost and replaced.
//
//   udp-load --target 127.0.0.1:PORT [--flows 16] [--window 8] [--size 64] [--duration 10] [--warmup 2] [--json]
//
// Durations are seconds (a trailing "s" is accepted). Prints round trips per second, lost and misrouted datagrams and
// RTT percentiles (totalRoundTrips includes the warm-up), as a line of text or, with --json, as one JSON object. Exits 1 when a reply reached the wrong flow.
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

#define LOSS_TIMEOUT_NS 200000000ull
#define HISTOGRAM_STEP_NS 100ull // RTT resolution
#define HISTOGRAM_BUCKETS 2000000 // up to 200 ms
#define MAX_WINDOW 64

struct header {
    uint32_t run; // tells this process's datagrams from late replies to an earlier run that used the same port
    uint32_t flow;
    uint32_t slot;
    uint64_t sequence;
    uint64_t sent_ns;
};

struct flow {
    int fd;
    uint64_t sequence[MAX_WINDOW]; // the sequence awaited in each slot
    uint64_t sent_ns[MAX_WINDOW];
};

static struct flow *flows;
static int flow_count, window = 8, size = 64;
static uint32_t *histogram;
static uint32_t run;
static uint64_t measured, total, lost, misrouted, stale, foreign, send_errors, next_sequence = 1;
static int measuring;

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static double seconds(const char *text)
{
    return strtod(text, NULL); // "10s" and "10" both read as 10
}

static void send_slot(struct flow *flow, uint32_t flow_id, uint32_t slot, char *buffer)
{
    struct header header = { run, flow_id, slot, next_sequence++, now_ns() };
    flow->sequence[slot] = header.sequence;
    flow->sent_ns[slot] = header.sent_ns;
    memcpy(buffer, &header, sizeof header);
    if (send(flow->fd, buffer, (size_t)size, 0) < 0)
        send_errors++; // counted; the slot times out and is sent again
}

static void receive(uint32_t flow_id, char *out)
{
    struct flow *flow = &flows[flow_id];
    static struct mmsghdr messages[MAX_WINDOW];
    static struct iovec vectors[MAX_WINDOW];
    static char buffers[MAX_WINDOW][2048];
    for (int i = 0; i < window; i++) {
        vectors[i] = (struct iovec){ buffers[i], sizeof buffers[i] };
        messages[i].msg_hdr = (struct msghdr){ .msg_iov = &vectors[i], .msg_iovlen = 1 };
    }
    int count = recvmmsg(flow->fd, messages, (unsigned)window, MSG_DONTWAIT, NULL);
    uint64_t now = now_ns();
    for (int i = 0; i < count; i++) {
        struct header header;
        if (messages[i].msg_len < sizeof header) {
            misrouted++;
            continue;
        }
        memcpy(&header, buffers[i], sizeof header);
        if (header.run != run) {
            foreign++;
            continue;
        }
        if (header.flow != flow_id) {
            misrouted++;
            continue;
        }
        if (header.slot >= (uint32_t)window || flow->sequence[header.slot] != header.sequence) {
            stale++; // a reply after its slot was declared lost, or a duplicate
            continue;
        }
        total++;
        if (measuring) {
            uint64_t bucket = (now - header.sent_ns) / HISTOGRAM_STEP_NS;
            histogram[bucket < HISTOGRAM_BUCKETS ? bucket : HISTOGRAM_BUCKETS - 1]++;
            measured++;
        }
        send_slot(flow, flow_id, header.slot, out);
    }
}

static void expire(char *out)
{
    uint64_t now = now_ns();
    for (int f = 0; f < flow_count; f++)
        for (int s = 0; s < window; s++)
            if (now - flows[f].sent_ns[s] > LOSS_TIMEOUT_NS) {
                if (measuring)
                    lost++;
                send_slot(&flows[f], (uint32_t)f, (uint32_t)s, out);
            }
}

static double percentile(double fraction)
{
    uint64_t wanted = (uint64_t)(fraction * (double)measured), seen = 0;
    for (int i = 0; i < HISTOGRAM_BUCKETS; i++) {
        seen += histogram[i];
        if (seen > wanted || (seen == measured && seen > 0))
            return (double)(i * HISTOGRAM_STEP_NS + HISTOGRAM_STEP_NS / 2) / 1000.0;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *target = NULL;
    double duration = 10, warmup = 2;
    int json = 0;
    flow_count = 16;
    for (int i = 1; i < argc; i++) {
        const char *value = i + 1 < argc ? argv[i + 1] : "";
        if (!strcmp(argv[i], "--json")) {
            json = 1;
            continue;
        }
        if (!strcmp(argv[i], "--target"))
            target = value;
        else if (!strcmp(argv[i], "--flows"))
            flow_count = atoi(value);
        else if (!strcmp(argv[i], "--window"))
            window = atoi(value);
        else if (!strcmp(argv[i], "--size"))
            size = atoi(value);
        else if (!strcmp(argv[i], "--duration"))
            duration = seconds(value);
        else if (!strcmp(argv[i], "--warmup"))
            warmup = seconds(value);
        else {
            fprintf(stderr, "udp-load: unknown option %s\n", argv[i]);
            return 2;
        }
        i++;
    }
    if (!target || flow_count < 1 || window < 1 || window > MAX_WINDOW || size < (int)sizeof(struct header) || size > 2048) {
        fprintf(stderr, "usage: udp-load --target ADDRESS:PORT [--flows N] [--window 1-%d] [--size %zu-2048] "
                        "[--duration S] [--warmup S] [--json]\n", MAX_WINDOW, sizeof(struct header));
        return 2;
    }
    char host[64];
    const char *colon = strrchr(target, ':');
    struct sockaddr_in address = { .sin_family = AF_INET };
    if (!colon || (size_t)(colon - target) >= sizeof host) {
        fprintf(stderr, "udp-load: --target wants ADDRESS:PORT\n");
        return 2;
    }
    memcpy(host, target, (size_t)(colon - target));
    host[colon - target] = 0;
    address.sin_port = htons((unsigned short)atoi(colon + 1));
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) {
        fprintf(stderr, "udp-load: bad address %s\n", host);
        return 2;
    }

    run = (uint32_t)getpid() ^ (uint32_t)now_ns();
    histogram = calloc(HISTOGRAM_BUCKETS, sizeof *histogram);
    flows = calloc((size_t)flow_count, sizeof *flows);
    int epoll = epoll_create1(EPOLL_CLOEXEC);
    char *out = calloc(1, (size_t)size);
    for (int f = 0; f < flow_count; f++) {
        int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
            perror("udp-load: socket");
            return 1;
        }
        flows[f].fd = fd;
        struct epoll_event event = { .events = EPOLLIN, .data.u32 = (uint32_t)f };
        epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
    }
    for (int f = 0; f < flow_count; f++)
        for (int s = 0; s < window; s++)
            send_slot(&flows[f], (uint32_t)f, (uint32_t)s, out);

    uint64_t start = now_ns(), measure_from = start + (uint64_t)(warmup * 1e9);
    uint64_t end = measure_from + (uint64_t)(duration * 1e9), last_expiry = start;
    struct epoll_event events[256];
    for (;;) {
        uint64_t now = now_ns();
        if (now >= end)
            break;
        if (!measuring && now >= measure_from)
            measuring = 1;
        if (now - last_expiry > 10000000ull) {
            expire(out);
            last_expiry = now;
        }
        int count = epoll_wait(epoll, events, 256, 10);
        for (int i = 0; i < count; i++)
            receive(events[i].data.u32, out);
    }

    double rate = (double)measured / duration;
    double p50 = percentile(0.50), p90 = percentile(0.90), p99 = percentile(0.99), p999 = percentile(0.999);
    if (json)
        printf("{\"roundTripsPerSecond\":%.0f,\"roundTrips\":%llu,\"totalRoundTrips\":%llu,\"lost\":%llu,\"misrouted\":%llu,\"stale\":%llu,\"foreign\":%llu,"
               "\"sendErrors\":%llu,\"rttP50Us\":%.1f,\"rttP90Us\":%.1f,\"rttP99Us\":%.1f,\"rttP999Us\":%.1f}\n",
               rate, (unsigned long long)measured, (unsigned long long)total, (unsigned long long)lost,
               (unsigned long long)misrouted, (unsigned long long)stale, (unsigned long long)foreign,
               (unsigned long long)send_errors, p50, p90, p99, p999);
    else
        printf("%.0f round trips/s (%llu), lost %llu, misrouted %llu, stale %llu, foreign %llu, send errors %llu; "
               "RTT p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us\n",
               rate, (unsigned long long)measured, (unsigned long long)lost, (unsigned long long)misrouted,
               (unsigned long long)stale, (unsigned long long)foreign, (unsigned long long)send_errors, p50, p90, p99,
               p999);
    return misrouted > 0 ? 1 : 0;
}
