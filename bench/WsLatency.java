import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency of GET /api/jobs with and without SOCKETS open on jobs being processed, alternating in the same run:
 * ROUNDS times [measure without sockets, open them, measure with them, close them]. Sockets whose job ends are
 * replaced by sockets on another PROCESSING job, so the count holds during each measurement.
 *
 *   java bench/WsLatency.java URL API_KEY PARTNER_ID [SOCKETS] [REQUESTS_PER_PHASE] [ROUNDS]
 */
public class WsLatency {
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String url;
    final String key;
    final String partnerId;
    final Set<Socket> open = ConcurrentHashMap.newKeySet();
    final AtomicLong messages = new AtomicLong();
    volatile boolean keepOpen;

    WsLatency(String url, String key, String partnerId) {
        this.url = url;
        this.key = key;
        this.partnerId = partnerId;
    }

    public static void main(String[] args) throws Exception {
        WsLatency bench = new WsLatency(args[0], args[1], args[2]);
        int sockets = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int requests = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        bench.run(sockets, requests, rounds);
    }

    void run(int sockets, int requests, int rounds) throws Exception {
        while (processingJobs().isEmpty()) {
            Thread.sleep(200);
        }
        measure(requests / 4); // warm-up, thrown away
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        long received = 0;
        for (int round = 1; round <= rounds; round++) {
            without.addAll(measure(requests));
            long opened = System.nanoTime();
            openSockets(sockets);
            System.out.printf("round %d: %d sockets open in %.1f s on jobs %s%n", round, open.size(),
                    (System.nanoTime() - opened) / 1e9, processingJobs());
            long before = messages.get();
            with.addAll(measure(requests));
            received += messages.get() - before;
            if (open.size() < sockets * 0.95) {
                System.out.println("  warning: only " + open.size() + " sockets were open at the end of the round");
            }
            closeSockets();
        }
        double p99Without = percentile(without, 0.99);
        double p99With = percentile(with, 0.99);
        System.out.printf("GET /api/jobs without sockets: p50 %.2f ms, p99 %.2f ms (%d requests)%n",
                percentile(without, 0.5), p99Without, without.size());
        System.out.printf("GET /api/jobs with %d sockets: p50 %.2f ms, p99 %.2f ms (%d requests; %,d socket messages received meanwhile)%n",
                sockets, percentile(with, 0.5), p99With, with.size(), received);
        System.out.printf("p99 ratio with/without: %.2f%n", p99With / p99Without);
    }

    List<Long> measure(int requests) throws Exception {
        List<Long> latencies = new ArrayList<>(requests);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/jobs?limit=20")).header("X-API-Key", key).build();
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

    void openSockets(int count) throws Exception {
        keepOpen = true;
        List<String> jobs = processingJobs();
        CountDownLatch connected = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            connect(jobs.get(i % jobs.size()), connected);
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(connected.getCount() + " sockets did not connect");
        }
    }

    void connect(String jobId, CountDownLatch connected) {
        Socket socket = new Socket(connected);
        http.newWebSocketBuilder().header("X-API-Key", key)
                .buildAsync(URI.create(url.replace("http", "ws") + "/ws/jobs/" + jobId + "?partnerId=" + partnerId), socket)
                .thenAccept(ws -> {
                    socket.ws = ws;
                    open.add(socket);
                });
    }

    /** A job ended and the server closed its sockets: open as many on another job being processed. */
    void replace(Socket socket) {
        open.remove(socket);
        if (!keepOpen) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                List<String> jobs = processingJobs();
                if (!jobs.isEmpty()) {
                    connect(jobs.get((int) (Math.random() * jobs.size())), new CountDownLatch(1));
                }
            } catch (Exception e) {
                System.out.println("  could not replace a socket: " + e);
            }
        });
    }

    void closeSockets() throws InterruptedException {
        keepOpen = false;
        for (Socket socket : open) {
            socket.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench round over");
        }
        for (int i = 0; i < 100 && !open.isEmpty(); i++) {
            Thread.sleep(50);
        }
        open.forEach(socket -> socket.ws.abort());
        open.clear();
    }

    List<String> processingJobs() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/jobs?status=PROCESSING&limit=100"))
                .header("X-API-Key", key).build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        Matcher matcher = ID.matcher(body);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    static double percentile(List<Long> nanos, double p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    final class Socket implements WebSocket.Listener {
        final CountDownLatch connected;
        volatile WebSocket ws;

        Socket(CountDownLatch connected) {
            this.connected = connected;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                messages.incrementAndGet();
                connected.countDown();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            replace(this);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            replace(this);
        }
    }
}
