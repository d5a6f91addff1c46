// Plan page: starts a training-plan search as a job (POST /api/plan/train/jobs), follows its
// server-sent events with a live progress line, can cancel it (DELETE), and draws the result:
// the time/cost Pareto front by server type (click a point for its layout), top plans, rejections.
import {ApiError, api, draw, fillCatalogSelect, fillTable, fmt, formBody, guarded, showError} from './api.js';

const form = document.getElementById('plan-form');
const progress = document.getElementById('progress');
const cancelButton = document.getElementById('cancel');
const submitButton = document.getElementById('plan-submit');
let job = null;

const days = p => p.expected_days ?? p.time_to_train_days;
const usd = p => p.expected_usd ?? p.usd;

function layoutText(p) {
    const l = p.layout;
    return `tp ${l.tp} · pp ${l.pp} · vpp ${l.vpp} · cp ${l.cp} · ep ${l.ep} · dp ${l.dp} · mb ${l.micro_batch}`
        + ` · zero ${l.zero} · ${l.recompute} · ${l.precision} · ${l.schedule}`
        + (l.offload && l.offload !== 'none' ? ` · offload ${l.offload}` : '');
}

function showLayout(p) {
    const box = document.getElementById('pareto-layout');
    box.textContent = [
        `${p.servers} × ${p.server} (${p.gpus} GPUs)`,
        layoutText(p),
        `step ${fmt(p.step_time_s)} s · MFU ${fmt(100 * p.mfu, 3)} % · ${fmt(days(p))} days · ${fmt(usd(p))} USD`,
        '', JSON.stringify(p.layout, null, 2)
    ].join('\n');
    box.hidden = false;
}

function drawPareto(plan) {
    const front = plan.pareto || [];
    const servers = [...new Set(front.map(p => p.server))];
    const chart = draw('chart-pareto', {
        tooltip: {trigger: 'item', formatter: q => `${q.seriesName}: ${fmt(q.value[0])} days, ${fmt(q.value[1])} USD`},
        legend: {bottom: 0},
        grid: {left: 90, right: 30, top: 20, bottom: 60},
        xAxis: {type: 'log', name: 'days', nameLocation: 'middle', nameGap: 26},
        yAxis: {type: 'value', name: 'USD', scale: true},
        series: servers.map(s => ({
            name: s, type: 'scatter', symbolSize: 12,
            data: front.map((p, i) => [days(p), usd(p), i]).filter((v, i) => front[i].server === s)
        }))
    });
    chart.off('click');
    chart.on('click', q => showLayout(front[q.value[2]]));
}

function render(plan) {
    document.getElementById('plan-result').hidden = false;
    document.getElementById('plan-summary').textContent =
        `${fmt(plan.evaluated)} layouts evaluated in ${fmt(plan.wall_s, 3)} s${plan.complete === false ? ' (search incomplete)' : ''}; `
        + `objective ${plan.objective}.`;
    drawPareto(plan);
    fillTable(document.getElementById('table-topk'), [
        {label: '#', value: (p, i) => i + 1, numeric: true},
        {label: 'server', value: p => p.server},
        {label: 'servers', value: p => p.servers, numeric: true},
        {label: 'GPUs', value: p => p.gpus, numeric: true},
        {label: 'layout', value: layoutText},
        {label: 'step (s)', value: p => p.step_time_s, numeric: true},
        {label: 'MFU', value: p => p.mfu, numeric: true},
        {label: 'days', value: days, numeric: true},
        {label: 'USD', value: usd, numeric: true},
        {label: 'USD per M tokens', value: p => p.usd_per_million_tokens, numeric: true},
        {label: 'confidence', value: p => p.confidence && p.confidence.level}
    ], plan.top || []);
    fillTable(document.getElementById('table-rejections'), [
        {label: 'rejected because', value: r => r[0]},
        {label: 'candidates', value: r => r[1], numeric: true}
    ], Object.entries(plan.rejections || {}).sort((a, b) => b[1] - a[1]));
}

function finish(text) {
    if (job && job.events) job.events.close();
    job = null;
    cancelButton.disabled = true;
    submitButton.disabled = false;
    if (text !== undefined) progress.textContent = text;
}

function follow(id) {
    const events = new EventSource(`/api/plan/train/jobs/${encodeURIComponent(id)}/events`);
    job = {id, events};
    events.addEventListener('progress', e => {
        const p = JSON.parse(e.data);
        const share = p.total ? ` of ${fmt(p.total)} (${(100 * p.searched / p.total).toFixed(1)} %)` : '';
        progress.textContent = `searched ${fmt(p.searched)}${share} in ${fmt(p.elapsed_s, 3)} s`;
    });
    events.addEventListener('result', e => {
        finish('done');
        guarded(async () => render(JSON.parse(e.data)));
    });
    events.addEventListener('error', e => {
        if (e.data) {
            finish('failed');
            showError(new ApiError(422, JSON.parse(e.data)));
        } else if (job && job.events === events) {
            finish('the connection to the server was lost');
        }
    });
}

async function start(event) {
    event.preventDefault();
    if (job) return;
    const body = formBody(form);
    const goal = document.getElementById('goal').value;
    const value = document.getElementById('goal-value').value;
    if (value !== '') body[goal] = Number(value);
    document.getElementById('plan-result').hidden = true;
    submitButton.disabled = true;
    progress.textContent = 'starting…';
    try {
        const answer = await api('/api/plan/train/jobs', {method: 'POST', body});
        cancelButton.disabled = false;
        follow(answer.id);
    } catch (e) {
        finish('');
        throw e;
    }
}

async function cancel() {
    if (!job) return;
    const id = job.id;
    finish('cancelled');
    await api(`/api/plan/train/jobs/${encodeURIComponent(id)}`, {method: 'DELETE'});
}

form.addEventListener('submit', event => guarded(() => start(event)));
cancelButton.addEventListener('click', () => guarded(cancel));
guarded(async () => {
    await fillCatalogSelect(document.getElementById('model'), 'model', 'llama3-70b');
    await fillCatalogSelect(document.getElementById('server'), 'server', []);
});
