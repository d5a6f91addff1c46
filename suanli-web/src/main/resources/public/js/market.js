// Market page: the seed report's series (GET /api/market/series) with projections to a chosen year
// (GET /api/market/project, `to` as market project --to) and the stated CAGRs recomputed (GET /api/market/check).
import {api, draw, fillTable, fmt, guarded} from './api.js';

let series = [];
const PALETTE = ['#2f6fb0', '#e08a1e', '#3a8f4b', '#8e44ad', '#b8322a', '#16a2b8'];

const valueOf = point => point.value_usd ?? point.value_units ?? point.value;
const unitScale = unit => unit === 'USD' ? 1e9 : 1e3;
const unitLabel = unit => unit === 'USD' ? 'billion USD' : `thousand ${unit}`;

function drawSeries(projections) {
    const units = [...new Set(series.map(s => s.unit))];
    const lines = [];
    series.forEach((s, i) => {
        const axis = units.indexOf(s.unit);
        const scale = unitScale(s.unit);
        const colour = PALETTE[i % PALETTE.length];
        lines.push({
            name: s.name, type: 'line', yAxisIndex: axis, symbolSize: 8, itemStyle: {color: colour},
            data: s.points.map(p => [p.year, valueOf(p) / scale, p.kind])
        });
        const p = projections.find(x => x.series === s.id);
        if (p) {
            lines.push({
                name: `${s.name} (projection)`, type: 'line', yAxisIndex: axis, symbol: 'emptyCircle',
                itemStyle: {color: colour}, lineStyle: {type: 'dashed', color: colour},
                data: [[p.base_year, valueOf({value_usd: p.base_value_usd, value_units: p.base_value_units}) / scale, 'base'],
                    [p.to_year, valueOf(p) / scale, `projection at ${fmt(p.cagr_pct)} %/year`]]
            });
        }
    });
    draw('chart-market', {
        tooltip: {trigger: 'item', formatter: q => `${q.seriesName}\n${q.value[0]}: ${fmt(q.value[1])} (${q.value[2]})`},
        legend: {bottom: 0, type: 'scroll'},
        grid: {left: 70, right: 70, top: 40, bottom: 60},
        xAxis: {type: 'value', name: 'year', min: 'dataMin', max: 'dataMax', axisLabel: {formatter: v => String(v)}},
        yAxis: units.map((u, i) => ({type: 'value', name: unitLabel(u), position: i === 0 ? 'left' : 'right'})),
        series: lines
    });
}

async function project() {
    const year = document.getElementById('project-year').value;
    const cagr = document.getElementById('project-cagr').value;
    const projections = [];
    for (const s of series) {
        if (s.points.length < 2 && cagr === '') continue;
        const query = `series=${encodeURIComponent(s.id)}&to=${encodeURIComponent(year)}`
            + (cagr !== '' && s.points.length < 2 ? `&cagr=${encodeURIComponent(cagr)}` : '');
        projections.push(await api(`/api/market/project?${query}`));
    }
    drawSeries(projections);
    fillTable(document.getElementById('table-projections'), [
        {label: 'series', value: p => p.name},
        {label: 'from', value: p => p.base_year},
        {label: 'to', value: p => p.to_year},
        {label: 'CAGR %', value: p => p.cagr_pct, numeric: true},
        {label: 'basis', value: p => p.cagr_basis},
        {label: 'value', value: p => valueOf(p), numeric: true},
        {label: 'unit', value: p => p.unit},
        {label: 'source', value: p => p.source}
    ], projections);
}

async function load() {
    const answer = await api('/api/market/series');
    series = Array.isArray(answer) ? answer : answer.series || [];
    drawSeries([]);
    const check = await api('/api/market/check');
    document.getElementById('check-summary').textContent =
        `${check.all_consistent ? 'Every stated CAGR is' : 'Not every stated CAGR is'} consistent with its endpoints `
        + `within ${fmt(check.consistent_within_pp)} percentage points.`;
    fillTable(document.getElementById('table-cagr'), [
        {label: 'series', value: c => c.name},
        {label: 'years', value: c => `${c.from_year}–${c.to_year}`},
        {label: 'stated %', value: c => c.stated_cagr_pct, numeric: true},
        {label: 'computed %', value: c => c.computed_cagr_pct, numeric: true},
        {label: 'difference (pp)', value: c => c.difference_pp, numeric: true},
        {label: 'verdict', value: c => c.verdict},
        {label: 'source', value: c => c.source}
    ], check.checks || []);
    await project();
}

document.getElementById('project').addEventListener('click', () => guarded(project));
guarded(load);
