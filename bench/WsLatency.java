import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency of GET /api/jobs with and without SOCKETS WebSockets open on jobs being processed, alternating in the
 * same run: ROUNDS times [measure without sockets, open them, measure with them, close them]. A socket whose job
 * ends is replaced by one on another PROCESSING job, so the count holds while measuring.
 *
 * The sockets are held by one selector thread that reads whole buffers of frames, counts the text messages and
 * answers pings: the load costs this shared 2-core machine as little as a client can, so what is measured is the
 * server (real clients are on other machines). CPU time of the server, the worker and this client is reported.
 *
 *   java [-Dpids=server:PID,worker:PID] bench/WsLatency.java URL API_KEY PARTNER_ID [SOCKETS] [REQUESTS_PER_PHASE] [ROUNDS]
 */
public class WsLatency {
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final URI base;
    final String key;
    final String partnerId;
    final String[] names;
    final long[] pids;
    final SocketHolder sockets;

    WsLatency(String url, String key, String partnerId) throws IOException {
        this.base = URI.create(url);
        this.key = key;
        this.partnerId = partnerId;
        String[] entries = System.getProperty("pids", "").isEmpty() ? new String[0] : System.getProperty("pids").split(",");
        names = new String[entries.length];
        pids = new long[entries.length];
        for (int i = 0; i < entries.length; i++) {
            names[i] = entries[i].split(":")[0];
            pids[i] = Long.parseLong(entries[i].split(":")[1]);
        }
        sockets = new SocketHolder();
    }

    public static void main(String[] args) throws Exception {
        WsLatency bench = new WsLatency(args[0], args[1], args[2]);
        int sockets = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int requests = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        bench.run(sockets, requests, rounds);
        System.exit(0);
    }

    void run(int count, int requests, int rounds) throws Exception {
        while (processingJobs().isEmpty()) {
            Thread.sleep(200);
        }
        measure(requests / 4); // warm-up, thrown away
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        long[] cpuWithout = new long[pids.length + 1];
        long[] cpuWith = new long[pids.length + 1];
        double secondsWithout = 0;
        double secondsWith = 0;
        long received = 0;
        for (int round = 1; round <= rounds; round++) {
            long[] cpu = cpu();
            long started = System.nanoTime();
            without.addAll(measure(requests));
            secondsWithout += (System.nanoTime() - started) / 1e9;
            add(cpuWithout, cpu, cpu());

            long opening = System.nanoTime();
            sockets.open(count);
            System.out.printf("round %d: %d sockets open in %.1f s on jobs %s%n", round, sockets.open.get(),
                    (System.nanoTime() - opening) / 1e9, processingJobs());
            long before = sockets.messages.get();
            cpu = cpu();
            started = System.nanoTime();
            with.addAll(measure(requests));
            secondsWith += (System.nanoTime() - started) / 1e9;
            add(cpuWith, cpu, cpu());
            received += sockets.messages.get() - before;
            System.out.printf("  %d sockets open at the end of the measurement%n", sockets.open.get());
            sockets.closeAll();
        }
        double p99Without = percentile(without, 0.99);
        double p99With = percentile(with, 0.99);
        System.out.printf("GET /api/jobs without sockets: p50 %.2f ms, p99 %.2f ms (%d requests)%n",
                percentile(without, 0.5), p99Without, without.size());
        System.out.printf("GET /api/jobs with %d sockets:  p50 %.2f ms, p99 %.2f ms (%d requests)%n",
                count, percentile(with, 0.5), p99With, with.size());
        System.out.printf("p99 ratio with/without: %.2f%n", p99With / p99Without);
        System.out.printf("socket messages received while measuring: %,d (%,.0f per second)%n", received, received / secondsWith);
        for (int i = 0; i <= pids.length; i++) {
            System.out.printf("CPU of %s: %.2f cores without sockets, %.2f with%n", i < pids.length ? names[i] : "this client",
                    cpuWithout[i] / 100.0 / secondsWithout, cpuWith[i] / 100.0 / secondsWith);
        }
    }

    List<Long> measure(int requests) throws Exception {
        List<Long> latencies = new ArrayList<>(requests);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs?limit=20")).header("X-API-Key", key).build();
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            latencies.add(System.nanoTime() - start);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/jobs answered " + response.statusCode());
            }
        }
        return latencies;
    }

    List<String> processingJobs() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs?status=PROCESSING&limit=100"))
                .header("X-API-Key", key).build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        Matcher matcher = ID.matcher(body);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** CPU ticks (1/100 s) used so far by each process in {@link #pids}, then by this one. */
    long[] cpu() throws IOException {
        long[] ticks = new long[pids.length + 1];
        for (int i = 0; i <= pids.length; i++) {
            long pid = i < pids.length ? pids[i] : ProcessHandle.current().pid();
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks[i] = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        }
        return ticks;
    }

    static void add(long[] total, long[] before, long[] after) {
        for (int i = 0; i < total.length; i++) {
            total[i] += after[i] - before[i];
        }
    }

    static double percentile(List<Long> nanos, double p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Every load socket, on one selector thread. */
    final class SocketHolder implements Runnable {
        final Selector selector = Selector.open();
        final Queue<SocketChannel> toRegister = new ConcurrentLinkedQueue<>();
        final AtomicInteger open = new AtomicInteger();
        final AtomicLong messages = new AtomicLong();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 15);
        volatile boolean keepOpen;
        volatile boolean closing;
        /** Jobs to put replacement sockets on, refreshed off the selector thread. */
        volatile List<String> processing = List.of();

        SocketHolder() throws IOException {
            Thread thread = new Thread(this, "sockets");
            thread.setDaemon(true);
            thread.start();
            Thread refresher = new Thread(() -> {
                while (true) {
                    try {
                        processing = processingJobs();
                        Thread.sleep(250);
                    } catch (Exception e) {
                        System.out.println("  could not list the jobs: " + e);
                    }
                }
            }, "jobs");
            refresher.setDaemon(true);
            refresher.start();
        }

        void open(int count) throws Exception {
            keepOpen = true;
            closing = false;
            List<String> jobs = processingJobs();
            for (int i = 0; i < count; i++) {
                connect(jobs.get(i % jobs.size()));
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (open.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        void connect(String jobId) throws IOException {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET /ws/jobs/" + jobId + "?partnerId=" + partnerId + " HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\nX-API-Key: " + key + "\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            toRegister.add(channel);
            selector.wakeup();
        }

        void closeAll() throws InterruptedException {
            keepOpen = false;
            closing = true;
            selector.wakeup();
            while (open.get() > 0) {
                Thread.sleep(20);
            }
        }

        @Override
        public void run() {
            while (true) {
                try {
                    selector.select(100);
                    for (SocketChannel channel; (channel = toRegister.poll()) != null; ) {
                        channel.register(selector, SelectionKey.OP_READ, new Connection());
                    }
                    if (closing) {
                        for (SelectionKey key : selector.keys()) {
                            drop(key, false);
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (key.isValid()) {
                            read(key);
                        }
                    }
                    selector.selectedKeys().clear();
                } catch (IOException e) {
                    System.out.println("  socket holder: " + e);
                }
            }
        }

        void read(SelectionKey key) throws IOException {
            SocketChannel channel = (SocketChannel) key.channel();
            Connection connection = (Connection) key.attachment();
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                drop(key, true);
                return;
            }
            buffer.flip();
            if (!connection.connected.get()) {
                connection.skipHandshake(buffer);
                if (connection.connected.get()) {
                    open.incrementAndGet();
                }
            }
            if (connection.frames(buffer, channel)) {
                drop(key, true); // the server closed: the job ended
            }
        }

        void drop(SelectionKey key, boolean replace) {
            Connection connection = (Connection) key.attachment();
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException e) {
                // gone anyway
            }
            if (connection.connected.getAndSet(false)) {
                open.decrementAndGet();
            }
            if (replace && keepOpen) {
                try {
                    List<String> jobs = processing;
                    if (!jobs.isEmpty()) {
                        connect(jobs.get(ThreadLocalRandom.current().nextInt(jobs.size())));
                    }
                } catch (IOException e) {
                    System.out.println("  could not replace a socket: " + e);
                }
            }
        }

        /** One socket's parsing state: the handshake, then frames, which may span reads. */
        final class Connection {
            final java.util.concurrent.atomic.AtomicBoolean connected = new java.util.concurrent.atomic.AtomicBoolean();
            int headerEnd; // matched bytes of \r\n\r\n
            final ByteBuffer pending = ByteBuffer.allocate(1 << 17); // a read (32 KiB) plus a partial frame

            void skipHandshake(ByteBuffer in) {
                while (in.hasRemaining() && !connected.get()) {
                    byte b = in.get();
                    headerEnd = (b == (headerEnd % 2 == 0 ? '\r' : '\n')) ? headerEnd + 1 : (b == '\r' ? 1 : 0);
                    if (headerEnd == 4) {
                        connected.set(true);
                    }
                }
            }

            /** Counts whole text messages, answers pings; true once a close frame arrived. */
            boolean frames(ByteBuffer in, SocketChannel channel) throws IOException {
                pending.put(in);
                pending.flip();
                boolean closed = false;
                while (pending.remaining() >= 2) {
                    pending.mark();
                    int first = pending.get() & 0xff;
                    int second = pending.get() & 0x7f;
                    long length = second;
                    if (second == 126) {
                        if (pending.remaining() < 2) {
                            pending.reset();
                            break;
                        }
                        length = pending.getShort() & 0xffff;
                    } else if (second == 127) {
                        if (pending.remaining() < 8) {
                            pending.reset();
                            break;
                        }
                        length = pending.getLong();
                    }
                    if (pending.remaining() < length) {
                        pending.reset();
                        break;
                    }
                    int opcode = first & 0x0f;
                    byte[] payload = new byte[(int) length];
                    pending.get(payload);
                    if (opcode == 1 && (first & 0x80) != 0) {
                        messages.incrementAndGet();
                    } else if (opcode == 9) {
                        channel.write(pong(payload));
                    } else if (opcode == 8) {
                        closed = true;
                    }
                }
                pending.compact();
                return closed;
            }

            ByteBuffer pong(byte[] payload) {
                ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
                frame.put((byte) 0x8A).put((byte) (0x80 | payload.length)).putInt(0); // masked with a zero key
                frame.put(payload);
                return frame.flip();
            }
        }
    }
}
