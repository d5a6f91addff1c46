package org.suanli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of text cells that renders as aligned text for a terminal, as CSV (RFC 4180 quoting) or
 * as Markdown. Numbers are formatted by the caller; this class only lays them out.
 */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] rightAligned;
    private final int[] wrapAt;

    public Table(List<String> header) {
        this.header = List.copyOf(header);
        this.rightAligned = new boolean[header.size()];
        this.wrapAt = new int[header.size()];
    }

    /** Wraps the text of a column at word boundaries to at most {@code width} characters (text output only). */
    public Table wrap(int column, int width) {
        wrapAt[column] = width;
        return this;
    }

    /** Right-aligns the given columns (numbers). */
    public Table alignRight(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    /** Adds a row; it must have one cell per column. */
    public Table add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, table has " + header.size() + " columns");
        }
        rows.add(List.copyOf(row));
        return this;
    }

    public Table add(String... row) {
        return add(List.of(row));
    }

    /** Returns the table as aligned text with a rule under the header. */
    public String toText() {
        int[] width = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                // a wrapped cell is as wide as its widest line: one word longer than the wrap width (a URL) stays whole
                List<String> lines = wrapAt[c] > 0 ? wrapText(r.get(c), wrapAt[c]) : List.of(r.get(c));
                for (String line : lines) {
                    width[c] = Math.max(width[c], line.length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(sb, rule, width);
        for (List<String> r : rows) {
            List<List<String>> pieces = new ArrayList<>();
            int height = 1;
            for (int c = 0; c < r.size(); c++) {
                List<String> p = wrapAt[c] > 0 ? wrapText(r.get(c), wrapAt[c]) : List.of(r.get(c));
                pieces.add(p);
                height = Math.max(height, p.size());
            }
            for (int i = 0; i < height; i++) {
                List<String> cells = new ArrayList<>();
                for (List<String> p : pieces) {
                    cells.add(i < p.size() ? p.get(i) : "");
                }
                line(sb, cells, width);
            }
        }
        return sb.toString();
    }

    private static List<String> wrapText(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String word : text.split(" ")) {
            if (cur.length() > 0 && cur.length() + 1 + word.length() > width) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            if (cur.length() > 0) {
                cur.append(' ');
            }
            cur.append(word);
        }
        out.add(cur.toString());
        return out;
    }

    private void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            l.append(rightAligned[c] ? pad + cell : cell + pad);
            if (c < cells.size() - 1) {
                l.append("  ");
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /** Returns the table as CSV with a header line. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        sb.append(csvLine(header));
        for (List<String> r : rows) {
            sb.append(csvLine(r));
        }
        return sb.toString();
    }

    private static String csvLine(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n");
            out.add(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(",", out) + "\n";
    }

    /** Returns the table as a GitHub-flavoured Markdown table. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int c = 0; c < header.size(); c++) {
            sb.append(rightAligned[c] ? "---:|" : "---|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r.stream().map(s -> s.replace("|", "\\|")).toList())).append(" |\n");
        }
        return sb.toString();
    }

    public List<String> header() {
        return header;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }
}
