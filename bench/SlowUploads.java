import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency of GET /api/jobs for one partner with and without SLOW uploads open from other partners, alternating in
 * the same run: ROUNDS times [measure without, open the uploads, measure with them, close them].
 *
 * Each slow upload is what the security review sent: an authenticated multipart upload that sends its headers and
 * a few bytes, then one byte every INTERVAL_MS. When the server answers one (429 or 503 when full, 408 when it cuts
 * a trickle), its client opens another after the Retry-After it was given (1 s if none), so SLOW stay open or
 * trying for the whole measurement. The uploads come from KEYS partners, pk_slow_1 ... pk_slow_KEYS.
 *
 *   java [-Dpid=SERVER_PID] bench/SlowUploads.java URL API_KEY ADMIN_URL [SLOW] [KEYS] [REQUESTS] [ROUNDS] [INTERVAL_MS]
 */
public class SlowUploads {
    static final Pattern RECEIVING = Pattern.compile("\"pipeline\\.uploads\\.receiving\":\\{\"value\":(\\d+)");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final URI base;
    final String key;
    final URI admin;
    final long pid = Long.getLong("pid", -1);
    final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
    final AtomicInteger connected = new AtomicInteger();
    volatile boolean running;

    SlowUploads(String url, String key, String adminUrl) {
        this.base = URI.create(url);
        this.key = key;
        this.admin = URI.create(adminUrl);
    }

    public static void main(String[] args) throws Exception {
        SlowUploads bench = new SlowUploads(args[0], args[1], args[2]);
        int slow = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int keys = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int requests = args.length > 5 ? Integer.parseInt(args[5]) : 2000;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 3;
        long intervalMillis = args.length > 7 ? Long.parseLong(args[7]) : 8000;
        bench.run(slow, keys, requests, rounds, intervalMillis);
        System.exit(0);
    }

    void run(int slow, int keys, int requests, int rounds, long intervalMillis) throws Exception {
        measure(requests / 4); // warm-up, thrown away
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            without.addAll(measure(requests));
            running = true;
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                String slowKey = "pk_slow_" + (i % keys + 1);
                Thread client = new Thread(() -> trickle(slowKey, intervalMillis), "slow-" + i);
                client.setDaemon(true);
                client.start();
                clients.add(client);
            }
            while (connected.get() < slow) {
                Thread.sleep(100);
            }
            Thread.sleep(2000); // every upload has reached the server and been admitted or refused
            System.out.printf("round %d: %d slow uploads connected; server: %s receiving, %s threads%n", round,
                    connected.get(), receiving(), threads());
            with.addAll(measure(requests));
            System.out.printf("  at the end: %s receiving, %s threads; answers so far %s%n", receiving(), threads(), answers);
            running = false;
            for (Thread client : clients) {
                client.interrupt();
            }
            for (Thread client : clients) {
                client.join();
            }
            connected.set(0);
            Thread.sleep(1000);
        }
        double p99Without = percentile(without, 0.99);
        double p99With = percentile(with, 0.99);
        System.out.printf("GET /api/jobs without slow uploads: p50 %.2f ms, p99 %.2f ms (%d requests)%n",
                percentile(without, 0.5), p99Without, without.size());
        System.out.printf("GET /api/jobs with %d slow uploads:  p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d requests)%n",
                slow, percentile(with, 0.5), p99With, percentile(with, 1.0), with.size());
        System.out.printf("p99 ratio with/without: %.2f%n", p99With / p99Without);
        System.out.printf("answers the slow uploads got, by status: %s%n", answers);
    }

    /** One slow client: an upload at a time, a byte every {@code intervalMillis}, a new one after each answer. */
    void trickle(String slowKey, long intervalMillis) {
        boolean first = true;
        while (running) {
            long retryAfter = 1000;
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout((int) intervalMillis);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/upload?schemaId=00000000-0000-0000-0000-000000000000 HTTP/1.1\r\nHost: x\r\n"
                        + "X-API-Key: " + slowKey + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                        + "Content-Length: 100000000\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename=\"slow.csv\"\r\n\r\nid,name\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (first) {
                    connected.incrementAndGet();
                    first = false;
                }
                InputStream in = socket.getInputStream();
                byte[] answer = new byte[4096];
                while (running) {
                    try {
                        int n = in.read(answer);
                        if (n > 0) {
                            String text = new String(answer, 0, n, StandardCharsets.ISO_8859_1);
                            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : 0;
                            answers.computeIfAbsent(status, s -> new LongAdder()).increment();
                            Matcher after = Pattern.compile("(?i)retry-after: (\\d+)").matcher(text);
                            retryAfter = after.find() ? Long.parseLong(after.group(1)) * 1000 : 1000;
                        } else {
                            answers.computeIfAbsent(0, s -> new LongAdder()).increment();
                        }
                        break;
                    } catch (SocketTimeoutException e) {
                        out.write('x');
                        out.flush();
                    }
                }
            } catch (IOException e) {
                answers.computeIfAbsent(-1, s -> new LongAdder()).increment(); // reset or refused: counted apart
            }
            try {
                Thread.sleep(retryAfter);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    List<Long> measure(int requests) throws Exception {
        List<Long> latencies = new ArrayList<>(requests);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs?limit=20")).header("X-API-Key", key)
                .timeout(Duration.ofSeconds(60)).build();
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            latencies.add(System.nanoTime() - start);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /api/jobs answered " + response.statusCode() + " " + response.body());
            }
        }
        return latencies;
    }

    String receiving() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(admin.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = RECEIVING.matcher(metrics);
            return matcher.find() ? matcher.group(1) : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    String threads() {
        try {
            return pid < 0 ? "?" : Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("Threads:")).map(line -> line.split("\\s+")[1]).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    static double percentile(List<Long> nanos, double p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
