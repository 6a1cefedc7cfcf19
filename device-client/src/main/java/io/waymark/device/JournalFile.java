package io.waymark.device;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An append-only file of JSON lines, one {@code T} per line. Not thread-safe: its owner serialises access.
 *
 * <p>Appends go straight to the OS ({@link FileChannel#write}, no user-space buffer), so they survive a crash of
 * the process; with {@code fsync} they are also forced to the storage device and survive a power loss. On open, a
 * torn or unreadable last line (a crash in the middle of an append) is cut off; an unreadable line in the middle is
 * skipped, counted and dropped at the next rewrite.
 */
final class JournalFile<T> implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(JournalFile.class);

    private final Path path;
    private final Class<T> type;
    private final JsonMapper mapper;
    private final boolean fsync;
    private FileChannel channel;
    private long lineCount;
    private int skippedLines;

    private JournalFile(Path path, Class<T> type, JsonMapper mapper, boolean fsync) {
        this.path = path;
        this.type = type;
        this.mapper = mapper;
        this.fsync = fsync;
    }

    /** Opens (or creates) the journal and hands every readable line, in order, to {@code replay}. */
    static <T> JournalFile<T> open(Path path, Class<T> type, JsonMapper mapper, boolean fsync, Consumer<T> replay) {
        JournalFile<T> journal = new JournalFile<>(path, type, mapper, fsync);
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            journal.channel = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            journal.replay(replay);
        } catch (IOException e) {
            journal.closeQuietly();
            throw new UncheckedIOException("cannot open " + path, e);
        }
        return journal;
    }

    private void replay(Consumer<T> replay) throws IOException {
        long offset = 0;
        long goodEnd = 0;
        long firstTrailingBadLine = -1;
        channel.position(0);
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) != -1) {
            offset++;
            if (b != '\n') {
                line.write(b);
                continue;
            }
            long lineStart = offset - line.size() - 1;
            T value = parse(line.toByteArray());
            line.reset();
            if (value == null) {
                if (firstTrailingBadLine < 0) {
                    firstTrailingBadLine = lineStart;
                }
                continue;
            }
            if (firstTrailingBadLine >= 0) {
                skippedLines++;
                log.warn("{}: skipped an unreadable line at byte {}", path, firstTrailingBadLine);
                firstTrailingBadLine = -1;
            }
            lineCount++;
            goodEnd = offset;
            replay.accept(value);
        }
        if (firstTrailingBadLine >= 0 || line.size() > 0) {
            log.warn("{}: cut off a torn last line at byte {} (file had {} bytes)", path, goodEnd, offset);
            channel.truncate(goodEnd);
            channel.force(true);
        }
        channel.position(goodEnd);
    }

    private T parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Appends the lines with one write. */
    void append(List<T> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * values.size());
        for (T value : values) {
            out.writeBytes(mapper.writeValueAsBytes(value));
            out.write('\n');
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(out.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        }
        lineCount += values.size();
    }

    /**
     * Replaces the whole file with {@code values}: writes a temporary file, forces it to disk (always, so that a
     * power loss never leaves an empty journal behind), then renames it over the journal atomically.
     */
    void rewrite(List<T> values) {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 16);
            for (T value : values) {
                chunk.writeBytes(mapper.writeValueAsBytes(value));
                chunk.write('\n');
                if (chunk.size() >= 1 << 16) {
                    writeFully(out, chunk.toByteArray());
                    chunk.reset();
                }
            }
            writeFully(out, chunk.toByteArray());
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        try {
            channel.close();
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + path, e);
        }
        lineCount = values.size();
        skippedLines = 0;
    }

    private static void writeFully(FileChannel out, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** Lines in the file, readable ones only. */
    long lineCount() {
        return lineCount;
    }

    /** Unreadable lines found in the middle of the file when it was opened. */
    int skippedLines() {
        return skippedLines;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
