package io.waymark.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/** A loopback TCP proxy whose connections a test can cut, as a phone's network change would. */
public final class CuttableProxy implements AutoCloseable {

    private final DisposableServer server;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    public CuttableProxy(int targetPort) {
        this.server = TcpServer.create()
                .host("127.0.0.1")
                .port(0)
                .doOnConnection(connection -> {
                    accepted.incrementAndGet();
                    connections.add(connection);
                })
                .handle((in, out) -> TcpClient.create()
                        .host("127.0.0.1")
                        .port(targetPort)
                        .connect()
                        .flatMap(upstream -> {
                            connections.add(upstream);
                            Mono<Void> toServer = upstream.outbound()
                                    .send(in.receive().retain())
                                    .then();
                            Mono<Void> toClient = out.send(
                                            upstream.inbound().receive().retain())
                                    .then();
                            return Mono.when(toServer, toClient).doFinally(signal -> upstream.dispose());
                        }))
                .bindNow();
    }

    /** How many client connections the proxy has taken. */
    public int accepted() {
        return accepted.get();
    }

    public int port() {
        return server.port();
    }

    /** Breaks every connection through the proxy; new ones are still accepted. */
    public void cut() {
        connections.forEach(Connection::dispose);
        connections.clear();
    }

    @Override
    public void close() {
        cut();
        server.disposeNow();
    }
}
