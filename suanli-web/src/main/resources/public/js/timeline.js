// Reduces a Chrome trace of one simulated training step (the event engine's --trace) to lanes the
// page can draw: one per pipeline stage, with merged compute, communication and bubble intervals.
// A trace holds hundreds of thousands of events; intervals closer than a pixel's worth of time are
// merged so the chart stays light.

const COMPUTE = new Set(['compute', 'recompute', 'optimizer']);
const PIXELS = 8000;

function merge(intervals, gap) {
    intervals.sort((a, b) => a[0] - b[0]);
    const out = [];
    for (const [s, e] of intervals) {
        const last = out[out.length - 1];
        if (last && s <= last[1] + gap) last[1] = Math.max(last[1], e);
        else out.push([s, e]);
    }
    return out;
}

function gaps(merged, from, to, gap) {
    const out = [];
    let cursor = from;
    for (const [s, e] of merged) {
        if (s - cursor > gap) out.push([cursor, s]);
        cursor = Math.max(cursor, e);
    }
    if (to - cursor > gap) out.push([cursor, to]);
    return out;
}

/** Lanes {name, compute, communication, bubble} (intervals in trace microseconds) of a trace. */
export function timelineOf(trace) {
    const events = Array.isArray(trace) ? trace : trace.traceEvents || [];
    const names = new Map();
    for (const e of events) {
        if (e.ph === 'M' && e.name === 'process_name') names.set(e.pid, e.args && e.args.name);
    }
    const stages = [...names.entries()].filter(([, n]) => /^stage\b/.test(n || '')).map(([pid]) => pid);
    const lanesOf = stages.length ? new Set(stages) : new Set(events.map(e => e.pid));
    let start = Infinity;
    let end = -Infinity;
    const raw = new Map([...lanesOf].map(pid => [pid, {compute: [], communication: []}]));
    let counted = 0;
    for (const e of events) {
        if (e.ph !== 'X' || !raw.has(e.pid)) continue;
        const s = e.ts;
        const f = e.ts + (e.dur || 0);
        start = Math.min(start, s);
        end = Math.max(end, f);
        counted++;
        if (COMPUTE.has(e.cat)) raw.get(e.pid).compute.push([s, f]);
        else if (/comm$/.test(e.cat || '')) raw.get(e.pid).communication.push([s, f]);
    }
    if (!Number.isFinite(start)) return {lanes: [], start: 0, end: 0, events: 0};
    const gap = (end - start) / PIXELS;
    const lanes = [...raw.entries()].map(([pid, r]) => {
        const compute = merge(r.compute, gap);
        return {
            name: names.get(pid) || `pid ${pid}`,
            compute,
            communication: merge(r.communication, gap),
            bubble: compute.length ? gaps(compute, start, end, gap) : []
        };
    });
    return {lanes, start, end, events: counted};
}
