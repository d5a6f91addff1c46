package org.suanli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The points of a sweep, each computed from its index alone so that any worker (a thread, a Spark executor) can make any point
 * and a resumed sweep makes the same ones. A grid enumerates the product of the fields' values, the last field fastest; a
 * random sample draws each field of point i from a hash of (seed, i, field); a Latin-hypercube sample (McKay, Beckman and
 * Conover 1979, Technometrics 21(2)) cuts each field's [0, 1) into n equal strata, gives each point a different stratum per
 * field through a seeded permutation, and jitters it within the stratum.
 */
public final class Sampler {
    /** How points are chosen. */
    public enum Method { GRID, RANDOM, LHS }

    /** Largest Latin-hypercube sample: it holds one permutation of the points per field. */
    public static final long MAX_LHS_POINTS = 50_000_000;

    private final Method method;
    private final List<Domain> domains;
    private final long seed;
    private final long points;
    private final List<List<JsonNode>> grids;
    private final int[][] strata;

    /** A sampler of {@code points} points (ignored for a grid, whose size is the product of the fields'). */
    public Sampler(Method method, List<Domain> domains, long points, long seed) {
        this.method = method;
        this.domains = List.copyOf(domains);
        this.seed = seed;
        this.grids = method == Method.GRID ? domains.stream().map(Domain::grid).toList() : List.of();
        this.points = method == Method.GRID ? gridSize(grids) : points;
        this.strata = method == Method.LHS ? permutations(domains.size(), (int) points, seed) : null;
    }

    private static long gridSize(List<List<JsonNode>> grids) {
        long n = 1;
        for (List<JsonNode> g : grids) {
            n = Math.multiplyExact(n, g.size());
        }
        return n;
    }

    private static int[][] permutations(int fields, int n, long seed) {
        int[][] p = new int[fields][];
        for (int d = 0; d < fields; d++) {
            SplittableRandom r = new SplittableRandom(mix(seed, -1, d));
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            p[d] = a;
        }
        return p;
    }

    /** Returns the number of points. */
    public long points() {
        return points;
    }

    /** Returns the values of point {@code index}, one per field in the spec's order. */
    public JsonNode[] point(long index) {
        JsonNode[] out = new JsonNode[domains.size()];
        if (method == Method.GRID) {
            long rest = index;
            for (int d = domains.size() - 1; d >= 0; d--) {
                List<JsonNode> g = grids.get(d);
                out[d] = g.get((int) (rest % g.size()));
                rest /= g.size();
            }
            return out;
        }
        for (int d = 0; d < out.length; d++) {
            double u = unit(mix(seed, index, d));
            if (method == Method.LHS) {
                u = (strata[d][(int) index] + u) / points;
            }
            out[d] = domains.get(d).at(u);
        }
        return out;
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood 2014) over the three inputs: a well-mixed 64-bit hash. */
    static long mix(long seed, long index, int field) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + field * 0x94D049BB133111EBL + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
