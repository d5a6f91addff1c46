// Catalog page: searchable table (GET /api/catalog), side-by-side compare (GET /api/catalog/compare)
// and a roofline of the compared accelerators from their 16-bit peak and memory bandwidth.
import {api, draw, el, entries, fillTable, fmt, guarded} from './api.js';

const COLUMNS = {
    accelerator: ['id', 'name', 'vendor', 'country', 'launch_year', 'peak_bf16_tflops', 'peak_fp8_tflops',
        'memory_bytes', 'memory_bandwidth_bytes_per_s', 'tdp_w', 'tpp', 'performance_density'],
    server: ['id', 'name', 'vendor', 'accelerator', 'accelerator_count', 'scale_up_domain', 'peak_16bit_pflops',
        'power_w', 'price_usd', 'launch_year'],
    model: ['id', 'name', 'layers', 'hidden', 'heads', 'kv_heads', 'moe', 'params', 'active_params', 'max_seq_len']
};
const GIGA = new Set(['memory_bytes', 'memory_bandwidth_bytes_per_s']);

/** A field's value for a cell: years as written (2024, not 2,024), byte counts in GB. */
function cell(name, v) {
    if (typeof v !== 'number') return v;
    if (/year$/.test(name)) return String(v);
    return GIGA.has(name) ? v / 1e9 : v;
}

let rows = [];
const chosen = new Set();

function columnsFor(kind, list) {
    const names = COLUMNS[kind] || Object.keys(list[0] || {}).filter(k =>
        !['kind', 'source', 'notes', 'not_published'].includes(k) && typeof list[0][k] !== 'object').slice(0, 9);
    const pick = {
        label: '', value: row => {
            const box = el('input', {type: 'checkbox', 'data-id': row.id, 'aria-label': `choose ${row.id}`});
            box.checked = chosen.has(row.id);
            box.addEventListener('change', () => {
                if (box.checked) chosen.add(row.id); else chosen.delete(row.id);
                showChosen();
            });
            return box;
        }
    };
    return [pick, ...names.map(n => ({
        label: GIGA.has(n) ? n.replace('_bytes', '_GB') : n,
        numeric: typeof (list.find(r => r[n] !== null && r[n] !== undefined) || {})[n] === 'number',
        value: row => cell(n, row[n])
    }))];
}

function showChosen() {
    document.getElementById('chosen').textContent = chosen.size ? `chosen: ${[...chosen].join(', ')}` : '';
    document.getElementById('compare').disabled = chosen.size < 1;
}

function render() {
    const kind = document.getElementById('kind').value;
    const needle = document.getElementById('search').value.trim().toLowerCase();
    const shown = needle ? rows.filter(r => JSON.stringify(r).toLowerCase().includes(needle)) : rows;
    fillTable(document.getElementById('table-catalog'), columnsFor(kind, rows), shown);
}

async function load() {
    const kind = document.getElementById('kind').value;
    chosen.clear();
    showChosen();
    rows = entries(await api(`/api/catalog?kind=${encodeURIComponent(kind)}`));
    render();
}

function drawRoofline(parts) {
    const accelerators = parts.filter(p => p.kind === 'accelerator' && p.memory_bandwidth_bytes_per_s
        && (p.peak_bf16_tflops || p.peak_fp16_tflops));
    const node = document.getElementById('chart-roofline');
    if (!accelerators.length) {
        node.hidden = true;
        return;
    }
    const intensities = [];
    for (let x = 0.1; x <= 100000; x *= 1.25) intensities.push(x);
    const series = accelerators.map(p => {
        const peak = p.peak_bf16_tflops || p.peak_fp16_tflops;
        const bandwidthTb = p.memory_bandwidth_bytes_per_s / 1e12;
        const ridge = peak / bandwidthTb;
        const points = intensities.filter(x => x < ridge).map(x => [x, bandwidthTb * x]);
        points.push([ridge, peak], [100000, peak]);
        return {name: p.id, type: 'line', showSymbol: false, data: points};
    });
    draw('chart-roofline', {
        title: {text: 'Roofline: attainable TFLOPS (16-bit) against arithmetic intensity', left: 'center',
            textStyle: {fontSize: 13}},
        tooltip: {trigger: 'axis', valueFormatter: v => fmt(v)},
        legend: {bottom: 0},
        grid: {left: 70, right: 30, top: 40, bottom: 60},
        xAxis: {type: 'log', name: 'FLOP per byte of memory traffic', nameLocation: 'middle', nameGap: 28, min: 0.1, max: 100000},
        yAxis: {type: 'log', name: 'TFLOPS', min: 0.1},
        series
    });
}

async function compare() {
    const ids = [...chosen];
    const answer = await api(`/api/catalog/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
    const parts = entries(answer);
    const fields = [...new Set(parts.flatMap(p => Object.keys(p)))].filter(f => f !== 'not_published');
    fillTable(document.getElementById('table-compare'),
        [{label: 'field', value: f => GIGA.has(f) ? f.replace('_bytes', '_GB') : f},
            ...parts.map(p => ({label: p.id, value: f => cell(f, p[f])}))], fields);
    drawRoofline(parts);
}

document.getElementById('kind').addEventListener('change', () => guarded(load));
document.getElementById('search').addEventListener('input', render);
document.getElementById('compare').addEventListener('click', () => guarded(compare));
guarded(load);
