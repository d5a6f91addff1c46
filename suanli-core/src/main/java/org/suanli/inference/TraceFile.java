package org.suanli.inference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.RandomAccess;
import java.util.regex.Pattern;
import org.suanli.BadInputException;
import org.suanli.io.LimitedReader;

/**
 * Reads a request trace: CSV rows of {@code arrival_s,input_tokens,output_tokens}, arrival times finite,
 * non-negative and non-decreasing, token counts whole and positive. A first row is a header only when its
 * cells are exactly those column names (so a data row such as {@code 1e-3,1024,256} is never skipped).
 * The file is read line by line into primitive arrays (16 bytes a request), and at most
 * {@link #DEFAULT_MAX_ROWS} rows are accepted unless the caller allows more. Each bad row is one error
 * naming the file and line.
 */
public final class TraceFile {
    /** The most requests a trace may hold unless the caller raises it (the CLI's --max-trace-rows). */
    public static final long DEFAULT_MAX_ROWS = 1_000_000;
    /** The longest line accepted, characters. */
    public static final int MAX_LINE_CHARS = 4096;
    /** The largest token count of one request. */
    public static final int MAX_TOKENS = 1 << 24;

    private static final List<String> COLUMNS = List.of("arrival_s", "input_tokens", "output_tokens");
    private static final String EXPECTED_ROW = "expected arrival_s,input_tokens,output_tokens";
    private static final Pattern DECIMAL = Pattern.compile("[+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[+]?\\d+(?:\\.0*)?");

    private TraceFile() {
    }

    /** The rows of a trace, kept in primitive arrays; {@link #get} returns a fresh {arrival_s, input, output}. */
    public static final class Rows extends AbstractList<double[]> implements RandomAccess {
        private final double[] arrivals;
        private final int[] inputs;
        private final int[] outputs;
        private final int size;

        private Rows(double[] arrivals, int[] inputs, int[] outputs, int size) {
            this.arrivals = arrivals;
            this.inputs = inputs;
            this.outputs = outputs;
            this.size = size;
        }

        @Override
        public double[] get(int i) {
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException(i);
            }
            return new double[] {arrivals[i], inputs[i], outputs[i]};
        }

        @Override
        public int size() {
            return size;
        }

        /** Returns the arrival time of row {@code i}, seconds. */
        public double arrival(int i) {
            return arrivals[i];
        }

        /** Returns the input tokens of row {@code i}. */
        public int input(int i) {
            return inputs[i];
        }

        /** Returns the output tokens of row {@code i}. */
        public int output(int i) {
            return outputs[i];
        }
    }

    /** Returns the rows of the trace, at most {@link #DEFAULT_MAX_ROWS}. */
    public static List<double[]> read(Path file) {
        return read(file, DEFAULT_MAX_ROWS);
    }

    /** Returns the rows of the trace; more than {@code maxRows} rows is an error, found while reading. */
    public static List<double[]> read(Path file, long maxRows) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file.toString(), "is a folder", "expected a CSV of arrival_s,input_tokens,output_tokens");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, maxRows);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file.toString(), "no such file", "expected a CSV of arrival_s,input_tokens,output_tokens");
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot be read (" + e.getMessage() + ")", "expected a readable CSV");
        }
    }

    /** Reads CSV text from {@code in}; {@code shown} names it in errors. */
    public static List<double[]> read(String shown, InputStream in, long maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
        LimitedReader limited = new LimitedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), Long.MAX_VALUE, MAX_LINE_CHARS);
        int capacity = 1024;
        double[] arrivals = new double[capacity];
        int[] inputs = new int[capacity];
        int[] outputs = new int[capacity];
        int n = 0;
        double last = 0;
        long lineNo = 0;
        boolean first = true;
        try (BufferedReader r = new BufferedReader(limited)) {
            for (String raw = r.readLine(); raw != null; raw = r.readLine()) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (first) {
                    first = false;
                    if (isHeader(cells)) {
                        continue;
                    }
                }
                String where = shown + ":" + lineNo;
                if (cells.length != 3) {
                    throw new BadInputException(where, cells.length + " columns", EXPECTED_ROW);
                }
                if (n >= maxRows) {
                    throw new BadInputException(where, "more than " + String.format(Locale.ROOT, "%,d", maxRows) + " requests",
                            "expected at most " + String.format(Locale.ROOT, "%,d", maxRows)
                                    + " rows (the CLI option --max-trace-rows raises the limit)");
                }
                double arrival = arrival(where, cells[0].strip(), last);
                int input = tokens(where, "input_tokens", cells[1].strip());
                int output = tokens(where, "output_tokens", cells[2].strip());
                if (n == arrivals.length) {
                    int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.min(maxRows, 2L * n));
                    arrivals = Arrays.copyOf(arrivals, grown);
                    inputs = Arrays.copyOf(inputs, grown);
                    outputs = Arrays.copyOf(outputs, grown);
                }
                arrivals[n] = arrival;
                inputs[n] = input;
                outputs[n] = output;
                n++;
                last = arrival;
            }
        } catch (LimitedReader.LimitExceeded e) {
            throw new BadInputException(shown + ":" + e.line(), e.what(), "expected short CSV rows of arrival_s,input_tokens,output_tokens");
        } catch (CharacterCodingException e) {
            throw new BadInputException(shown + ":" + (lineNo + 1), "is not UTF-8 text", "expected a UTF-8 CSV");
        } catch (IOException e) {
            throw new BadInputException(shown, "cannot be read (" + e.getMessage() + ")", "expected a readable CSV");
        }
        if (n == 0) {
            throw new BadInputException(shown, "no requests", "expected rows of arrival_s,input_tokens,output_tokens");
        }
        return new Rows(arrivals, inputs, outputs, n);
    }

    private static boolean isHeader(String[] cells) {
        if (cells.length != COLUMNS.size()) {
            return false;
        }
        for (int c = 0; c < cells.length; c++) {
            if (!cells[c].strip().toLowerCase(Locale.ROOT).equals(COLUMNS.get(c))) {
                return false;
            }
        }
        return true;
    }

    private static double arrival(String where, String cell, double last) {
        if (!DECIMAL.matcher(cell).matches()) {
            throw new BadInputException(where, "arrival_s: '" + cell + "' is not a finite, non-negative number",
                    "expected seconds since the start, e.g. 0.25");
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) {
            throw new BadInputException(where, "arrival_s: '" + cell + "' is not a finite number", "expected seconds since the start, e.g. 0.25");
        }
        if (v < last) {
            throw new BadInputException(where, "arrival_s: " + cell + " is before the previous row's " + last,
                    "expected arrival times in non-decreasing order");
        }
        return v;
    }

    private static int tokens(String where, String column, String cell) {
        if (!WHOLE.matcher(cell).matches()) {
            throw new BadInputException(where, column + ": '" + cell + "' is not a whole number of tokens",
                    "expected a whole number from 1 to " + MAX_TOKENS);
        }
        long v;
        try {
            String digits = cell.startsWith("+") ? cell.substring(1) : cell;
            int dot = digits.indexOf('.');
            v = Long.parseLong(dot < 0 ? digits : digits.substring(0, dot));
        } catch (NumberFormatException e) {
            v = Long.MAX_VALUE;
        }
        if (v < 1 || v > MAX_TOKENS) {
            throw new BadInputException(where, column + ": " + cell + " tokens is out of range", "expected a whole number from 1 to " + MAX_TOKENS);
        }
        return (int) v;
    }
}
