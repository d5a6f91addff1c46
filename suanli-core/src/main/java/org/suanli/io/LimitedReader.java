package org.suanli.io;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that counts characters and lines as they are read and fails as soon as the input passes
 * a limit on its total length or on the length of one line, so an oversized input is refused after
 * reading at most the limit, not after reading it whole.
 */
public final class LimitedReader extends FilterReader {
    private final long maxChars;
    private final long maxLineChars;
    private long chars;
    private long lineChars;
    private int line = 1;

    /** Thrown when the input passes a limit; carries the line it was reached on. */
    public static final class LimitExceeded extends IOException {
        private final int line;
        private final String what;
        private final String expected;

        LimitExceeded(int line, String what, String expected) {
            super(what + "; " + expected);
            this.line = line;
            this.what = what;
            this.expected = expected;
        }

        /** Returns the 1-based line the limit was passed on. */
        public int line() {
            return line;
        }

        /** Returns what is wrong, e.g. "line longer than 65,536 characters". */
        public String what() {
            return what;
        }

        /** Returns what was expected instead. */
        public String expected() {
            return expected;
        }
    }

    /**
     * @param maxChars the most characters the whole input may hold
     * @param maxLineChars the most characters one line may hold (without its line break)
     */
    public LimitedReader(Reader in, long maxChars, long maxLineChars) {
        super(in);
        this.maxChars = maxChars;
        this.maxLineChars = maxLineChars;
    }

    /** Returns the line being read (1-based). */
    public int line() {
        return line;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = off; i < off + Math.max(0, n); i++) {
            count(buf[i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        char[] buf = new char[(int) Math.min(n, 8192)];
        long left = n;
        while (left > 0) {
            int r = read(buf, 0, (int) Math.min(left, buf.length));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(char c) throws LimitExceeded {
        if (++chars > maxChars) {
            throw new LimitExceeded(line, "the input is longer than " + String.format(java.util.Locale.ROOT, "%,d", maxChars) + " characters",
                    "expected a smaller file");
        }
        if (c == '\n') {
            line++;
            lineChars = 0;
        } else if (++lineChars > maxLineChars) {
            throw new LimitExceeded(line, "line longer than " + String.format(java.util.Locale.ROOT, "%,d", maxLineChars) + " characters",
                    "expected shorter lines (split long text, or leave it out)");
        }
    }

    /** Returns the limit error among {@code e} and its causes, if one is there. */
    public static LimitExceeded find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitExceeded l) {
                return l;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
