package org.multigrad.djl;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/** A GC that provably ran the JDK's direct-buffer cleaners, for tests of native memory lifetimes. */
final class GarbageCollection {
    private GarbageCollection() {
    }

    /**
     * Drops a fresh direct buffer and collects until the JVM's count of direct buffers falls below
     * what it was while that buffer lived: the cleaner thread has then freed it, and with it every
     * other unreachable direct buffer found by the same collection.
     */
    static void collectUntilDirectBuffersFreed() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        ByteBuffer sentinel = ByteBuffer.allocateDirect(64);
        long whileAlive = direct.getCount();
        sentinel.put(0, (byte) 1);
        sentinel = null;
        for (int attempt = 0; attempt < 200 && direct.getCount() >= whileAlive; attempt++) {
            System.gc();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (direct.getCount() >= whileAlive) {
            throw new IllegalStateException("no direct buffer was freed after 200 GCs");
        }
    }
}
