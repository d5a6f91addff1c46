// Market page: the seed report's series (GET /api/market/series) with projections to a chosen year
// (GET /api/market/project, `to` as market project --to: the seed's path and, where figures were reported since, the path
// through them), the stated CAGRs recomputed (GET /api/market/check) and the seed's forecasts against what was reported
// since (GET /api/market/forecast-check). The paths and errors are the server's; this page only draws and tabulates them.
import {api, draw, el, fillTable, fmt, guarded, sourceNode} from './api.js';

let series = [];
const PALETTE = ['#2f6fb0', '#e08a1e', '#3a8f4b', '#8e44ad', '#b8322a', '#16a2b8'];

const valueOf = point => point.value_usd ?? point.value_units ?? point.value;
const unitScale = unit => unit === 'USD' ? 1e9 : 1e3;
const unitLabel = unit => unit === 'USD' ? 'billion USD' : `thousand ${unit}`;
const QUALIFIER = {gt: '>', approx: '~', exact: ''};
/** A market figure as the CLI prints it: $ billions, units or %, with its qualifier (> lower bound, ~ about). */
const figure = (v, unit, qualifier = 'exact') => v === null || v === undefined ? '–'
    : (QUALIFIER[qualifier] ?? '') + (unit === 'USD' ? `$${fmt(v / 1e9)}B` : unit === 'pct' ? `${fmt(v)}%` : `${fmt(v)} ${unit}`);
let projected = [];

function drawSeries(projections) {
    const log = document.getElementById('log-axis').checked;
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
        const r = p && p.reported_path;
        if (r) {
            lines.push({
                name: `${s.name} (reported path)`, type: 'line', yAxisIndex: axis, symbol: 'diamond', symbolSize: 8,
                itemStyle: {color: colour}, lineStyle: {type: 'dotted', width: 2, color: colour},
                data: [[r.from_year, (r.from_value_usd ?? r.from_value_units) / scale, `${r.provider} ${r.from_kind}`],
                    [r.base_year, (r.base_value_usd ?? r.base_value_units) / scale, `${r.provider} ${r.base_kind}`],
                    [r.to_year, (r.value_usd ?? r.value_units) / scale, `reported path at ${fmt(r.cagr_pct)} %/year`]]
            });
        }
    });
    draw('chart-market', {
        tooltip: {trigger: 'item', formatter: q => `${q.seriesName}\n${q.value[0]}: ${fmt(q.value[1])} (${q.value[2]})`},
        legend: {bottom: 0, type: 'scroll'},
        grid: {left: 70, right: 70, top: 40, bottom: 60},
        xAxis: {type: 'value', name: 'year', min: 'dataMin', max: 'dataMax', axisLabel: {formatter: v => String(v)}},
        yAxis: units.map((u, i) => ({type: log ? 'log' : 'value', name: unitLabel(u), position: i === 0 ? 'left' : 'right'})),
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
    projected = projections;
    drawSeries(projections);
    const reported = p => p.reported_path;
    fillTable(document.getElementById('table-projections'), [
        {label: 'series', value: p => p.name},
        {label: 'from', value: p => p.base_year},
        {label: 'to', value: p => p.to_year},
        {label: 'CAGR %', value: p => p.cagr_pct, numeric: true},
        {label: 'basis', value: p => p.cagr_basis},
        {label: 'value', value: p => valueOf(p), numeric: true},
        {label: 'unit', value: p => p.unit},
        {label: 'source', value: p => p.source},
        {label: 'reported path', value: p => reported(p)
            ? `${reported(p).provider}: ${reported(p).from_year}–${reported(p).base_year} (${reported(p).through_actuals ? 'actuals' : 'not all actuals'})`
            : `none: ${p.reported_path_absent || '–'}`},
        {label: 'its CAGR %', value: p => reported(p) && reported(p).cagr_pct, numeric: true},
        {label: 'its value', value: p => reported(p) && (reported(p).value_usd ?? reported(p).value_units), numeric: true}
    ], projections);
}

async function load() {
    const answer = await api('/api/market/series');
    series = Array.isArray(answer) ? answer : answer.series || [];
    // drawn once, with its projections (project() below), so a reader of data-series never sees the chart half done
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
    await forecastCheck();
}

async function forecastCheck() {
    const fc = await api('/api/market/forecast-check');
    document.getElementById('forecast-summary').textContent = `Path: ${fc.path}. Error: ${fc.error}; met within ${fmt(fc.met_within_pct)}%.`;
    const rows = (fc.checks || []).flatMap(c => c.comparisons.map(x => ({c, x})));
    fillTable(document.getElementById('table-forecast'), [
        {label: 'series', value: ({c}) => el('span', {class: 'nowrap'}, c.series)},
        {label: 'year', value: ({x}) => String(x.year)},
        {label: "seed's path", value: ({c, x}) => figure(x.forecast_value, c.unit), numeric: true},
        {label: 'reported', value: ({c, x}) => figure(x.reported_value, c.unit, x.reported_qualifier), numeric: true},
        {label: 'kind', value: ({x}) => x.reported_kind},
        {label: 'provider', value: ({x}) => x.provider},
        {label: 'published', value: ({x}) => x.published},
        {label: 'error %', value: ({x}) => (x.error_bound === 'at_most' ? '<=\u00a0' : x.error_bound === 'approx' ? '~' : '')
                + fmt(x.error_pct), numeric: true},
        {label: 'forecast was', value: ({x}) => x.direction},
        {label: 'scope', value: ({x}) => x.scope_match ? 'same provider' : 'differs'},
        {label: 'comparable', value: ({x}) => x.comparable},
        {label: 'source', value: ({x}) => sourceNode(x.source)}
    ], rows);
    document.getElementById('forecast-notes').replaceChildren(...(fc.checks || []).flatMap(c => [
        ...c.skipped.map(k => el('li', {}, `${c.series}: not compared: ${k.provider} ${k.when} ${figure(k.value, c.unit)}: ${k.reason}`)),
        c.comparable_actual_found ? null : el('li', {}, `${c.series}: no comparable actual; searched: ${c.searched || '–'}`),
        c.caveat ? el('li', {}, `${c.series}: caveat: ${c.caveat}`) : null
    ].filter(Boolean)));
}

document.getElementById('project').addEventListener('click', () => guarded(project));
document.getElementById('log-axis').addEventListener('change', () => drawSeries(projected));
guarded(load);
