// Train page: the layout form posts to /api/train and draws the step-time breakdown, memory per GPU
// and MFU with its confidence band; with engine=event it also fetches /api/train/trace and draws
// one step as lanes (one per pipeline stage) of compute, communication and bubble.
import {COLOURS, api, draw, el, fillCatalogSelect, fmt, formBody, guarded} from './api.js';
import {timelineOf} from './timeline.js';

const form = document.getElementById('train-form');
let traceUrl = null;

function summary(r) {
    const items = [
        ['step time', `${fmt(r.step_time_s)} s`], ['tokens/s', fmt(r.tokens_per_s)],
        ['tokens/s per GPU', fmt(r.tokens_per_s_per_gpu)], ['MFU', `${fmt(100 * r.mfu, 3)} %`],
        ['memory per GPU', `${fmt(r.memory_per_gpu_bytes / 1e9, 3)} GB`], ['fits', fmt(r.fits)],
        ['layout', `tp ${r.layout.tp} · pp ${r.layout.pp} · dp ${r.layout.dp} · cp ${r.layout.cp} · ep ${r.layout.ep}`],
        ['engine', r.engine]
    ];
    if (r.time_to_train_days !== undefined) items.push(['days to train', fmt(r.time_to_train_days)]);
    document.getElementById('train-summary').replaceChildren(
        ...items.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v))));
}

function drawBreakdown(r) {
    const parts = Object.entries(r.breakdown);
    draw('chart-breakdown', {
        tooltip: {trigger: 'item', valueFormatter: v => `${fmt(v)} s`},
        legend: {bottom: 0, type: 'scroll'},
        grid: {left: 60, right: 20, top: 20, bottom: 70},
        xAxis: {type: 'value', name: 's'},
        yAxis: {type: 'category', data: ['step']},
        series: parts.map(([name, seconds]) => ({
            name, type: 'bar', stack: 'step', data: [seconds],
            itemStyle: name === 'compute' ? {color: COLOURS.compute} : name === 'pp_bubble' ? {color: COLOURS.bubble} : undefined
        }))
    });
}

function drawMemory(r) {
    const capacityGb = r.memory_capacity_bytes / 1e9;
    const series = Object.entries(r.memory_breakdown).map(([name, bytes]) => ({
        name, type: 'bar', stack: 'memory', data: [bytes / 1e9]
    }));
    series[series.length - 1].markLine = {
        symbol: 'none', label: {formatter: `capacity ${fmt(capacityGb, 3)} GB`},
        lineStyle: {color: COLOURS.bad, type: 'dashed'}, data: [{xAxis: capacityGb}]
    };
    draw('chart-memory', {
        tooltip: {trigger: 'item', valueFormatter: v => `${fmt(v, 3)} GB`},
        legend: {bottom: 0, type: 'scroll'},
        grid: {left: 60, right: 40, top: 30, bottom: 70},
        xAxis: {type: 'value', name: 'GB', max: v => Math.max(v.max, capacityGb) * 1.05},
        yAxis: {type: 'category', data: ['per GPU']},
        series
    });
}

function drawMfu(r) {
    const low = r.range && r.range.mfu ? r.range.mfu[0] : r.mfu;
    const high = r.range && r.range.mfu ? r.range.mfu[1] : r.mfu;
    draw('chart-mfu', {
        tooltip: {trigger: 'item', valueFormatter: v => `${fmt(100 * v, 3)} %`},
        grid: {left: 60, right: 40, top: 10, bottom: 30},
        xAxis: {type: 'value', min: 0, max: 1, axisLabel: {formatter: v => `${Math.round(v * 100)}%`}},
        yAxis: {type: 'category', data: ['MFU']},
        series: [
            {name: 'mfu', type: 'bar', data: [r.mfu], itemStyle: {color: COLOURS.compute}, barWidth: 24},
            {
                name: 'band', type: 'custom', data: [[low, high, 0]], z: 10,
                renderItem: (params, api) => {
                    const start = api.coord([api.value(0), api.value(2)]);
                    const end = api.coord([api.value(1), api.value(2)]);
                    const h = 18;
                    const style = {stroke: COLOURS.range, lineWidth: 2};
                    return {
                        type: 'group', children: [
                            {type: 'line', shape: {x1: start[0], y1: start[1], x2: end[0], y2: end[1]}, style},
                            {type: 'line', shape: {x1: start[0], y1: start[1] - h / 2, x2: start[0], y2: start[1] + h / 2}, style},
                            {type: 'line', shape: {x1: end[0], y1: end[1] - h / 2, x2: end[0], y2: end[1] + h / 2}, style}
                        ]
                    };
                }
            }
        ]
    });
    const c = r.confidence || {};
    document.getElementById('confidence').textContent =
        `Confidence: ${c.level || '–'}, band −${fmt(c.band_low_pct)} % / +${fmt(c.band_high_pct)} % `
        + `(MFU ${fmt(100 * low, 3)}–${fmt(100 * high, 3)} %). ${c.basis || ''}`;
}

function drawTimeline(trace) {
    const t = timelineOf(trace);
    const lanes = t.lanes.map(l => l.name);
    const rect = (kind, colour) => ({
        name: kind, type: 'custom', itemStyle: {color: colour},
        encode: {x: [1, 2], y: 0},
        data: t.lanes.flatMap((lane, i) => lane[kind].map(([s, e]) => [i, s / 1e6, e / 1e6])),
        renderItem: (params, api) => {
            const lane = api.value(0);
            const start = api.coord([api.value(1), lane]);
            const end = api.coord([api.value(2), lane]);
            const height = api.size([0, 1])[1] * 0.38;
            const y = kind === 'communication' ? start[1] + 1 : start[1] - height - 1;
            return {
                type: 'rect', style: api.style(),
                shape: {x: start[0], y, width: Math.max(end[0] - start[0], 0.5), height}
            };
        }
    });
    draw('chart-timeline', {
        tooltip: {trigger: 'item', formatter: p => `${p.seriesName}: ${fmt(p.value[1])}–${fmt(p.value[2])} s`},
        legend: {bottom: 0},
        grid: {left: 110, right: 30, top: 20, bottom: 70},
        dataZoom: [{type: 'slider', xAxisIndex: 0, bottom: 30}, {type: 'inside', xAxisIndex: 0}],
        xAxis: {type: 'value', name: 's', min: t.start / 1e6, max: t.end / 1e6, axisLabel: {formatter: v => fmt(v, 3)}},
        yAxis: {type: 'category', data: lanes, inverse: true},
        series: [rect('compute', COLOURS.compute), rect('communication', COLOURS.communication),
            rect('bubble', COLOURS.bubble)]
    });
    document.getElementById('timeline-status').textContent =
        `${t.events.toLocaleString('en-US')} trace events, ${lanes.length} stages; compute on top, communication below each lane.`;
}

async function loadTrace(body) {
    const section = document.getElementById('timeline-section');
    section.hidden = false;
    const link = document.getElementById('trace-download');
    link.hidden = true;
    if (traceUrl) URL.revokeObjectURL(traceUrl);
    document.getElementById('timeline-status').textContent = 'Simulating the step and fetching its trace…';
    const response = await api('/api/train/trace', {method: 'POST', body, raw: true});
    const blob = await response.blob();
    traceUrl = URL.createObjectURL(blob);
    link.href = traceUrl;
    link.hidden = false;
    drawTimeline(JSON.parse(await blob.text()));
}

async function submit(event) {
    event.preventDefault();
    const button = document.getElementById('train-submit');
    button.disabled = true;
    try {
        const body = formBody(form);
        const result = await api('/api/train', {method: 'POST', body});
        document.getElementById('train-result').hidden = false;
        summary(result);
        drawBreakdown(result);
        drawMemory(result);
        drawMfu(result);
        if (body.engine === 'event') await loadTrace(body);
        else document.getElementById('timeline-section').hidden = true;
    } finally {
        button.disabled = false;
    }
}

form.addEventListener('submit', event => guarded(() => submit(event)));
guarded(async () => {
    await fillCatalogSelect(document.getElementById('model'), 'model', 'llama3-70b');
    await fillCatalogSelect(document.getElementById('server'), 'server', 'dgx-h100');
});
