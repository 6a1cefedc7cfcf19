package io.waymark.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dashboard on the live WebSocket, for tests: collects the messages it reads, and reads only as fast as told
 * (JDK WebSocket demand), so that a test can play a client that falls behind.
 */
public final class LiveClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final boolean reading;
    private WebSocket socket;

    private LiveClient(boolean reading) {
        this.reading = reading;
    }

    public static LiveClient connect(int port, String token) {
        return connect(port, token, "", true);
    }

    /** Connects with extra query parameters (such as {@code &sinceAlertSeq=3}); reads only the first message when not reading. */
    public static LiveClient connect(int port, String token, String query, boolean reading) {
        LiveClient client = new LiveClient(reading);
        client.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + port + "/ws/live?access_token=" + token + query),
                        client.listener())
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return client;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(JSON.readTree(partial.toString()));
                    partial.setLength(0);
                }
                if (reading || !last) {
                    webSocket.request(1);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode.completeExceptionally(error);
            }
        };
    }

    /** The next message, waiting at most the timeout. */
    public JsonNode next(Duration timeout) {
        try {
            JsonNode message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + timeout);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips messages until one matches, waiting at most the timeout in all. */
    public JsonNode await(Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching message within " + timeout);
            }
            JsonNode message = next(Duration.ofNanos(left));
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /** Messages read so far and not yet taken. */
    public BlockingQueue<JsonNode> received() {
        return messages;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Starts reading everything from now on. */
    public void readEverything() {
        socket.request(Long.MAX_VALUE);
    }

    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
