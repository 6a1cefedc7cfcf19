package io.waymark.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small dense number for each rep id, shared by every dashboard: each dashboard then keeps what it knows of a rep
 * in an array slot instead of a map of its own. A rep id is looked up straight from the bytes of a frame, without
 * making a {@code String} of it: 250,000 frames a second across 50 dashboards would otherwise each make one and hash
 * it. Lookups read an immutable open-addressing table without a lock; a new id (5,000 of them, at the start) is
 * added to a copy under a lock, which then replaces the table.
 */
final class RepIndex {

    /** An immutable table: {@code ids[i]} null for an empty slot; capacity a power of two, at most half full. */
    private record Table(byte[][] ids, int[] hashes, int[] numbers, int size) {}

    private volatile Table table = new Table(new byte[16][], new int[16], new int[16], 0);

    int of(String repId) {
        byte[] bytes = repId.getBytes(StandardCharsets.UTF_8);
        return of(bytes, 0, bytes.length);
    }

    /** The number of the rep whose id is the bytes {@code [from, to)} of {@code buf}, numbering it when it is new. */
    int of(byte[] buf, int from, int to) {
        int hash = hash(buf, from, to);
        int found = find(table, buf, from, to, hash);
        return found >= 0 ? found : add(buf, from, to, hash);
    }

    private synchronized int add(byte[] buf, int from, int to, int hash) {
        Table current = table;
        int found = find(current, buf, from, to, hash);
        if (found >= 0) {
            return found;
        }
        int number = current.size();
        int capacity = current.ids().length;
        if ((number + 1) * 2 > capacity) {
            capacity *= 2;
        }
        Table next = new Table(new byte[capacity][], new int[capacity], new int[capacity], number + 1);
        for (int i = 0; i < current.ids().length; i++) {
            if (current.ids()[i] != null) {
                put(next, current.ids()[i], current.hashes()[i], current.numbers()[i]);
            }
        }
        put(next, Arrays.copyOfRange(buf, from, to), hash, number);
        table = next;
        return number;
    }

    private static void put(Table table, byte[] id, int hash, int number) {
        int mask = table.ids().length - 1;
        int i = hash & mask;
        while (table.ids()[i] != null) {
            i = (i + 1) & mask;
        }
        table.ids()[i] = id;
        table.hashes()[i] = hash;
        table.numbers()[i] = number;
    }

    private static int find(Table table, byte[] buf, int from, int to, int hash) {
        byte[][] ids = table.ids();
        int mask = ids.length - 1;
        for (int i = hash & mask; ids[i] != null; i = (i + 1) & mask) {
            if (table.hashes()[i] == hash && Arrays.equals(ids[i], 0, ids[i].length, buf, from, to)) {
                return table.numbers()[i];
            }
        }
        return -1;
    }

    private static int hash(byte[] buf, int from, int to) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + buf[i];
        }
        return hash ^ (hash >>> 16);
    }
}
