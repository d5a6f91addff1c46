// Export-control page: every accelerator's TPP against performance density from /api/classify/{id},
// coloured by its verdict under the picked rule, with that rule's TPP and PD thresholds as lines.
// The thresholds come from GET /api/rules, generated from the rule data the classifier applies, so
// the page draws what the library compares against rather than a copy. Click a chip for its
// arithmetic. export.html?rule=ID classifies under that one rule (a link to share).
import {api, draw, el, entries, fillTable, fmt, guarded} from './api.js';

let chips = [];
let rules = [];

function thresholds(ruleId) {
    const rule = rules.find(r => r.id === ruleId);
    return rule ? {tpp: rule.tpp_thresholds, pd: rule.pd_thresholds} : {tpp: [], pd: []};
}

function verdictOf(chip, ruleId) {
    const v = chip.classification.rules.find(r => r.rule === ruleId);
    return v ? v.verdict : 'not classified';
}

function arithmetic(chip) {
    const c = chip.classification;
    const box = document.getElementById('arithmetic');
    const area = chip.entry.die_area_mm2;
    const lines = [
        `${c.name} (${c.id})`,
        `TPP = ${fmt(c.tpp)} (at ${c.tpp_precision}: peak TFLOPS × bit length of the operands)`,
        area ? `PD = TPP / die area = ${fmt(c.tpp)} / ${fmt(area)} mm² = ${fmt(c.performance_density)}`
            : 'PD: not placed, the die area is not published',
        `I/O bidirectional = ${fmt(c.io_bidirectional_gb_per_s)} GB/s · DRAM = ${fmt(c.dram_gb_per_s)} GB/s`, ''
    ];
    box.replaceChildren(lines.join('\n'),
        ...c.rules.map(r => el('div', {}, el('strong', {}, `${r.rule} ${r.clause}: `),
            el('span', {class: /^(controlled|3A090)/.test(r.verdict) ? 'verdict-controlled' : ''}, r.verdict),
            ` — ${r.reason}`)));
    box.hidden = false;
}

function render() {
    const ruleId = document.getElementById('rule').value;
    const placed = chips.filter(c => c.classification.performance_density > 0 && c.classification.tpp > 0);
    const verdicts = [...new Set(placed.map(c => verdictOf(c, ruleId)))].sort();
    const lines = thresholds(ruleId);
    const series = verdicts.map(v => ({
        name: v, type: 'scatter', symbolSize: 10,
        label: {show: true, position: 'right', fontSize: 10, formatter: q => q.value[2]},
        data: placed.filter(c => verdictOf(c, ruleId) === v)
            .map(c => [c.classification.performance_density, c.classification.tpp, c.classification.id])
    }));
    const markLine = {
        symbol: 'none', lineStyle: {type: 'dashed', color: '#b8322a'},
        data: [...lines.tpp.map(t => ({yAxis: t, label: {formatter: `TPP ${fmt(t)}`}})),
            ...lines.pd.map(p => ({xAxis: p, label: {formatter: `PD ${fmt(p)}`}}))]
    };
    series.push({name: 'thresholds', type: 'scatter', data: [], markLine});
    const chart = draw('chart-export', {
        tooltip: {trigger: 'item', formatter: q => q.value ? `${q.value[2]}: TPP ${fmt(q.value[1])}, PD ${fmt(q.value[0])}` : ''},
        legend: {bottom: 0, data: verdicts},
        grid: {left: 80, right: 60, top: 30, bottom: 70},
        xAxis: {type: 'log', name: 'performance density (TPP / mm²)', nameLocation: 'middle', nameGap: 28},
        yAxis: {type: 'log', name: 'TPP'},
        series
    });
    chart.off('click');
    chart.on('click', q => {
        const chip = chips.find(c => q.value && c.classification.id === q.value[2]);
        if (chip) arithmetic(chip);
    });
    const unplaced = chips.filter(c => !placed.includes(c)).map(c => c.classification.id);
    document.getElementById('unplaced').textContent = unplaced.length
        ? `Not placed (TPP or performance density not published): ${unplaced.join(', ')}.` : '';
    fillTable(document.getElementById('table-export'), [
        {label: 'id', value: c => c.classification.id},
        {label: 'TPP', value: c => c.classification.tpp, numeric: true},
        {label: 'PD', value: c => c.classification.performance_density, numeric: true},
        {label: `verdict under ${ruleId}`, value: c => verdictOf(c, ruleId)}
    ], chips, (tr, c) => tr.addEventListener('click', () => arithmetic(c)));
}

async function load() {
    const only = new URLSearchParams(window.location.search).get('rule');
    rules = (await api('/api/rules')).rules;
    const accelerators = entries(await api('/api/catalog?kind=accelerator'));
    const line = document.getElementById('export-progress');
    const queue = [...accelerators];
    chips = [];
    const worker = async () => {
        for (let entry = queue.shift(); entry; entry = queue.shift()) {
            const query = only ? `?rule=${encodeURIComponent(only)}` : '';
            const classification = await api(`/api/classify/${encodeURIComponent(entry.id)}${query}`);
            chips.push({entry, classification});
            line.textContent = `classified ${chips.length} of ${accelerators.length}`;
        }
    };
    await Promise.all([1, 2, 3, 4].map(worker));
    chips.sort((a, b) => a.entry.id.localeCompare(b.entry.id));
    const classified = new Set(chips.flatMap(c => c.classification.rules.map(r => r.rule)));
    const picker = document.getElementById('rule');
    picker.replaceChildren(...rules.filter(r => classified.has(r.id))
        .map(r => el('option', {value: r.id, title: `${r.name} (${r.citation})`}, `${r.id} — ${r.name}`)));
    if (classified.has('2023-10')) picker.value = '2023-10';
    render();
}

document.getElementById('rule').addEventListener('change', () => guarded(async () => render()));
guarded(load);
