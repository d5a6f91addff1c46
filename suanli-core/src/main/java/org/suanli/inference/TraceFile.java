package org.suanli.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.suanli.BadInputException;

/**
 * Reads a request trace: CSV rows of {@code arrival_s,input_tokens,output_tokens} (a header line is
 * allowed), arrival times non-decreasing. Each bad row is one error naming the file and line.
 */
public final class TraceFile {
    private TraceFile() {
    }

    /** Returns the rows of the trace. */
    public static List<double[]> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file.toString(), "no such file", "expected a CSV of arrival_s,input_tokens,output_tokens");
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot be read (" + e.getMessage() + ")", "expected a readable CSV");
        }
        List<double[]> rows = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || i == 0 && line.matches("(?i).*[a-z].*")) {
                continue;
            }
            String[] cells = line.split(",");
            String where = file + ":" + (i + 1);
            if (cells.length != 3) {
                throw new BadInputException(where, cells.length + " columns", "expected arrival_s,input_tokens,output_tokens");
            }
            double[] row = new double[3];
            for (int c = 0; c < 3; c++) {
                try {
                    row[c] = Double.parseDouble(cells[c].strip());
                } catch (NumberFormatException e) {
                    throw new BadInputException(where, "'" + cells[c].strip() + "' is not a number", "expected arrival_s,input_tokens,output_tokens");
                }
            }
            if (row[0] < 0 || row[0] < last) {
                throw new BadInputException(where, "arrival " + row[0] + " s", "expected non-negative arrival times in order");
            }
            if (row[1] < 1 || row[2] < 1) {
                throw new BadInputException(where, "input " + row[1] + ", output " + row[2], "expected at least one token each");
            }
            last = row[0];
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new BadInputException(file.toString(), "no requests", "expected rows of arrival_s,input_tokens,output_tokens");
        }
        return rows;
    }
}
