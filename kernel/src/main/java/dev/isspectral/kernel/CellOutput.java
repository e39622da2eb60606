package dev.isspectral.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cell's stdout or stderr, coalesced and bounded, in front of the stream that sends Jupyter {@code stream}
 * messages.
 *
 * <p>basekernel sends one message per flush, and {@code System.out.println} flushes: 200 000 lines became
 * 200 000 messages, more than the IOPub socket queues, so most output and then the {@code status: idle} message were
 * dropped and a client waiting for idle hung. Here flushes from cell code only mark the output; it is sent at most
 * every {@link #FLUSH_MILLIS} ms or when {@link #CHUNK_BYTES} have gathered, and completely before the cell's reply
 * ({@link #endCell()}). Each cell may send {@code limit} bytes per stream; what comes after is counted, not sent, and
 * {@link #endCell()} ends the stream with one line saying how many lines and bytes were dropped.
 */
final class CellOutput extends OutputStream {

    /** Default bytes a cell may send per stream (1 MiB): far more than a notebook shows, far less than IOPub drops. */
    static final long DEFAULT_LIMIT = 1L << 20;

    /** Longest wait before gathered output is sent. */
    static final long FLUSH_MILLIS = 50;

    /** Output sent at once when this much has gathered. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final OutputStream sink;
    private final String name;
    private final long limit;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> scheduled;
    private long accepted;
    private long droppedBytes;
    private long droppedLines;
    private boolean droppedPartialLine;

    /**
     * @param sink  the stream that sends (basekernel's {@code JupyterIO.out} or {@code err})
     * @param name  "stdout" or "stderr", for the truncation note
     * @param limit bytes per cell; above it output is dropped and counted
     */
    CellOutput(OutputStream sink, String name, long limit) {
        this.sink = sink;
        this.name = name;
        this.limit = limit;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cell-" + name + "-flush");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        long room = Math.max(0, limit - accepted);
        int keep = (int) Math.min(room, len);
        if (keep > 0) {
            pending.write(b, off, keep);
            accepted += keep;
        }
        if (keep < len) {
            for (int i = off + keep; i < off + len; i++) {
                if (b[i] == '\n') {
                    droppedLines++;
                    droppedPartialLine = false;
                } else {
                    droppedPartialLine = true;
                }
            }
            droppedBytes += len - keep;
        }
        if (pending.size() >= CHUNK_BYTES) {
            drain();
        } else if (pending.size() > 0 && scheduled == null) {
            scheduled = timer.schedule(this::drainScheduled, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Cell code flushes after every line; the output is sent by the timer, in chunks, and at the end of the cell. */
    @Override
    public void flush() {
        // coalesced: see the class comment
    }

    private synchronized void drainScheduled() {
        scheduled = null;
        drain();
    }

    private synchronized void drain() {
        if (pending.size() == 0) {
            return;
        }
        try {
            sink.write(pending.toByteArray());
            sink.flush();
        } catch (IOException e) {
            // the sink is basekernel's PrintStream, which does not throw; nothing to report to
        }
        pending.reset();
    }

    /** Starts a cell's budget. */
    synchronized void startCell() {
        accepted = 0;
        droppedBytes = 0;
        droppedLines = 0;
        droppedPartialLine = false;
    }

    /** Sends everything gathered and, if output was dropped, one line saying how much; call before the reply. */
    synchronized void endCell() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        if (droppedBytes > 0) {
            long lines = droppedLines + (droppedPartialLine ? 1 : 0);
            String note = String.format(Locale.ROOT, "%n[%s truncated: %,d more lines (%,d bytes) were dropped after the first"
                            + " %s of this cell; write large output to a file]%n", name, lines, droppedBytes, size(limit));
            pending.write(note.getBytes(StandardCharsets.UTF_8), 0, note.getBytes(StandardCharsets.UTF_8).length);
        }
        drain();
        startCell();
    }

    /** @return bytes dropped in the current cell so far */
    synchronized long droppedBytes() {
        return droppedBytes;
    }

    private static String size(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
