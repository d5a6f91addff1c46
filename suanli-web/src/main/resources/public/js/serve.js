// Serve page: sweeps request rates through the serving simulation (POST /api/infer with `rate`),
// drawing throughput against latency, TTFT/TPOT percentiles against the SLOs and KV use over time;
// and the cheapest fleets from POST /api/plan/serve (per_server: the cheapest of each server type) with the price
// each fleet's cost used and the $/M tokens over that price's range.
import {COLOURS, api, draw, fillCatalogSelect, fillTable, fmt, formBody, guarded, priceTag} from './api.js';

const inferForm = document.getElementById('infer-form');
const fleetForm = document.getElementById('fleet-form');

function parseRates(text) {
    const rates = text.split(/[\s,]+/).filter(Boolean).map(Number);
    if (!rates.length || rates.some(r => !(r > 0))) {
        throw Object.assign(new Error(`rates "${text}" are not understood`),
            {where: 'Rates', expected: 'positive numbers separated by commas, e.g. 1,2,4,8'});
    }
    return rates;
}

function percentileChart(id, runs, metric, slo) {
    const series = ['p50', 'p90', 'p99'].map(p => ({
        name: p, type: 'bar', data: runs.map(r => r.result[`${metric}_${p}_s`])
    }));
    if (slo > 0) {
        series[2].markLine = {
            symbol: 'none', label: {formatter: `SLO ${fmt(slo)} s`},
            lineStyle: {color: COLOURS.bad, type: 'dashed'}, data: [{yAxis: slo}]
        };
    }
    draw(id, {
        tooltip: {trigger: 'axis', valueFormatter: v => `${fmt(v)} s`},
        legend: {bottom: 0},
        grid: {left: 60, right: 70, top: 30, bottom: 60},
        xAxis: {type: 'category', name: 'req/s', data: runs.map(r => String(r.rate))},
        yAxis: {type: 'value', name: 's', max: v => Math.max(v.max, slo || 0) * 1.1, axisLabel: {formatter: v => fmt(v, 3)}},
        series
    });
}

function render(runs, slos) {
    document.getElementById('infer-result').hidden = false;
    const point = (r, key) => [r.result.output_tokens_per_s, r.result[key], r.rate];
    draw('chart-throughput', {
        tooltip: {trigger: 'item', formatter: q => `${q.value[2]} req/s: ${fmt(q.value[0])} tokens/s, ${q.seriesName} ${fmt(q.value[1])} s`},
        legend: {bottom: 0},
        grid: {left: 60, right: 30, top: 30, bottom: 60},
        xAxis: {type: 'value', name: 'output tokens/s', nameLocation: 'middle', nameGap: 26, scale: true},
        yAxis: {type: 'value', name: 'end-to-end latency (s)'},
        series: [['e2e p50', 'e2e_p50_s'], ['e2e p99', 'e2e_p99_s']].map(([name, key]) => ({
            name, type: 'line', symbolSize: 8, data: runs.map(r => point(r, key)),
            label: {show: name === 'e2e p99', formatter: q => `${q.value[2]}/s`, position: 'top'}
        }))
    });
    percentileChart('chart-ttft', runs, 'ttft', slos.ttft);
    percentileChart('chart-tpot', runs, 'tpot', slos.tpot);
    const withKv = runs.filter(r => Array.isArray(r.result.kv_utilisation_over_time));
    document.getElementById('kv-figure').hidden = !withKv.length;
    if (withKv.length) {
        draw('chart-kv', {
            tooltip: {trigger: 'axis', valueFormatter: v => `${fmt(100 * v, 3)} %`},
            legend: {bottom: 0, type: 'scroll'},
            grid: {left: 60, right: 30, top: 20, bottom: 60},
            xAxis: {type: 'value', name: 's'},
            yAxis: {type: 'value', name: 'KV cache in use', axisLabel: {formatter: v => `${Math.round(100 * v)}%`}},
            series: withKv.map(r => ({
                name: `${r.rate} req/s`, type: 'line', showSymbol: false, data: r.result.kv_utilisation_over_time
            }))
        });
    }
}

async function sweep(event) {
    event.preventDefault();
    const rates = parseRates(document.getElementById('rates').value);
    const base = formBody(inferForm);
    const slos = {ttft: base.ttft_slo, tpot: base.tpot_slo};
    const line = document.getElementById('sweep-progress');
    const button = document.getElementById('infer-submit');
    button.disabled = true;
    const runs = [];
    try {
        for (const rate of rates) {
            line.textContent = `simulating ${rate} requests/s (${runs.length + 1} of ${rates.length})…`;
            runs.push({rate, result: await api('/api/infer', {method: 'POST', body: {...base, rate}})});
            render(runs, slos);
        }
        line.textContent = `${runs.length} rates simulated`;
    } finally {
        button.disabled = false;
        if (runs.length < rates.length) line.textContent = `${runs.length} of ${rates.length} rates simulated`;
    }
}

async function planFleet(event) {
    event.preventDefault();
    const button = document.getElementById('fleet-submit');
    button.disabled = true;
    try {
        const plan = await api('/api/plan/serve', {method: 'POST', body: formBody(fleetForm)});
        fillTable(document.getElementById('table-fleets'), [
            {label: '#', value: (f, i) => i + 1, numeric: true},
            {label: 'server', value: f => f.server},
            {label: 'runtime', value: f => f.runtime},
            {label: 'weights', value: f => f.weights},
            {label: 'policy', value: f => f.policy},
            {label: 'tp', value: f => f.tp, numeric: true},
            {label: 'replicas', value: f => f.replicas, numeric: true},
            {label: 'servers', value: f => f.servers, numeric: true},
            {label: 'GPUs', value: f => f.gpus, numeric: true},
            {label: 'TTFT p99 (s)', value: f => f.ttft_p99_s, numeric: true},
            {label: 'TPOT p99 (s)', value: f => f.tpot_p99_s, numeric: true},
            {label: 'output tokens/s', value: f => f.output_tokens_per_s, numeric: true},
            {label: 'USD/hour', value: f => f.usd_per_hour, numeric: true},
            {label: 'USD per M tokens', value: f => f.usd_per_million_tokens, numeric: true},
            {label: 'USD per M tokens, price range', value: f => f.usd_per_million_tokens_low === f.usd_per_million_tokens_high
                ? fmt(f.usd_per_million_tokens_low) : `${fmt(f.usd_per_million_tokens_low)}–${fmt(f.usd_per_million_tokens_high)}`,
                numeric: true},
            {label: 'price', value: f => priceTag(f.price)}
        ], plan.fleets || []);
    } finally {
        button.disabled = false;
    }
}

inferForm.addEventListener('submit', event => guarded(() => sweep(event)));
fleetForm.addEventListener('submit', event => guarded(() => planFleet(event)));
guarded(async () => {
    await fillCatalogSelect(document.getElementById('model'), 'model', 'llama3-70b');
    await fillCatalogSelect(document.getElementById('server'), 'server', 'dgx-h100');
    await fillCatalogSelect(document.getElementById('fleet-model'), 'model', 'llama3-70b');
    await fillCatalogSelect(document.getElementById('fleet-server'), 'server', ['dgx-h100', 'mi300x-8']);
});
