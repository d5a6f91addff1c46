// Shared by every page: calls the Suanli HTTP API and shows its JSON errors ({error, where, expected})
// in the page's element with id "error". ECharts is the global the vendored echarts.min.js defines.

/** An API answer with a non-2xx status, carrying the server's {error, where, expected}. */
export class ApiError extends Error {
    constructor(status, body) {
        super(body.error || `HTTP ${status}`);
        this.status = status;
        this.where = body.where || '';
        this.expected = body.expected || '';
    }
}

async function errorBody(response) {
    const text = await response.text();
    try {
        const json = JSON.parse(text);
        if (json && typeof json === 'object' && 'error' in json) return json;
    } catch (ignored) {
        // not JSON: fall through to a plain description
    }
    return {error: `${response.status} ${response.statusText || 'error'} from ${response.url}`};
}

/** Fetches a path; resolves to the parsed JSON (or the Response when raw), rejects with ApiError. */
export async function api(path, {method = 'GET', body, raw = false} = {}) {
    const init = {method, headers: {Accept: 'application/json'}};
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(path, init);
    } catch (e) {
        throw new ApiError(0, {error: `cannot reach the Suanli server (${e.message})`, where: path});
    }
    if (!response.ok) throw new ApiError(response.status, await errorBody(response));
    if (raw) return response;
    if (response.status === 204) return null;
    return response.json();
}

/** Shows an error (ApiError or any Error) in #error. */
export function showError(err) {
    const box = document.getElementById('error');
    if (!box) return;
    box.replaceChildren();
    box.append(el('strong', {}, err.message || String(err)));
    if (err.where) box.append(el('span', {class: 'where'}, ` at ${err.where}`));
    // the server's `expected` usually reads "expected ..." already; canned or page errors may not
    const expected = /^expected\b/i.test(err.expected || '') ? err.expected : `expected ${err.expected}`;
    if (err.expected) box.append(el('span', {class: 'expected'}, `; ${expected}`));
    box.hidden = false;
}

/** Hides #error. */
export function clearError() {
    const box = document.getElementById('error');
    if (box) {
        box.hidden = true;
        box.replaceChildren();
    }
}

/** Runs an async action, showing any failure in #error instead of leaving it unhandled. */
export async function guarded(action) {
    try {
        clearError();
        return await action();
    } catch (e) {
        showError(e);
        return undefined;
    }
}

/** Creates an element with attributes and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
        if (c === undefined || c === null) continue;
        node.append(c instanceof Node ? c : String(c));
    }
    return node;
}

/** Fills a table element from column specs {label, value(row)} and rows. */
export function fillTable(table, columns, rows, onRow) {
    const head = el('thead', {}, el('tr', {}, columns.map(c => el('th', {}, c.label))));
    const body = el('tbody');
    rows.forEach((row, i) => {
        const tr = el('tr', {}, columns.map(c => {
            const v = c.value(row, i);
            return el('td', c.numeric ? {class: 'num'} : {}, v instanceof Node ? v : fmt(v));
        }));
        if (onRow) onRow(tr, row);
        body.append(tr);
    });
    table.replaceChildren(head, body);
    table.hidden = false;
}

/** Formats a value for display: numbers to 4 significant figures, nulls as a dash. */
export function fmt(v, digits = 4) {
    if (v === null || v === undefined) return '–';
    if (typeof v === 'number') {
        if (!Number.isFinite(v)) return String(v);
        if (Number.isInteger(v) && Math.abs(v) < 1e7) return v.toLocaleString('en-US');
        const a = Math.abs(v);
        if (a !== 0 && (a >= 1e7 || a < 1e-3)) return v.toExponential(digits - 1);
        return Number(v.toPrecision(digits)).toLocaleString('en-US', {maximumFractionDigits: 6});
    }
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (Array.isArray(v)) return v.map(x => fmt(x, digits)).join(', ');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
}

/** Creates (or reuses) the ECharts instance of an element id. */
export function chart(id) {
    const node = document.getElementById(id);
    node.hidden = false;
    const existing = globalThis.echarts.getInstanceByDom(node);
    const c = existing || globalThis.echarts.init(node);
    if (!existing) window.addEventListener('resize', () => c.resize());
    return c;
}

/** Draws an option on a chart and records its series names in data-series for tests and readers. */
export function draw(id, option) {
    const c = chart(id);
    // Canvas tooltips: HTML ones carry inline styles, which the CSP (default-src 'self') refuses.
    if (option.tooltip) option.tooltip = {renderMode: 'richText', ...option.tooltip};
    c.setOption(option, true);
    const names = (option.series || []).map(s => s.name).filter(n => n !== undefined);
    document.getElementById(id).setAttribute('data-series', names.join(','));
    return c;
}

/**
 * Reads a form into a request body: keys are the inputs' names (the CLI's options in snake_case);
 * empty fields are left out so the server's defaults apply; number inputs (and fields marked
 * data-number) become numbers, checkboxes booleans, multi-selects arrays.
 */
export function formBody(form) {
    const body = {};
    for (const input of form.elements) {
        if (!input.name || input.disabled || input.dataset.local !== undefined) continue;
        if (input.type === 'checkbox') {
            if (input.dataset.tristate === undefined || input.checked) body[input.name] = input.checked;
        } else if (input.multiple) {
            const values = [...input.selectedOptions].map(o => o.value);
            if (values.length) body[input.name] = values;
        } else if (input.value !== '') {
            const numeric = input.type === 'number' || input.dataset.number !== undefined;
            body[input.name] = numeric ? Number(input.value) : input.value;
        }
    }
    return body;
}

const catalogs = new Map();

/** Fills a select with catalog entries of a kind: value = id, text = "id — name". */
export async function fillCatalogSelect(select, kind, preferred) {
    if (!catalogs.has(kind)) catalogs.set(kind, api(`/api/catalog?kind=${encodeURIComponent(kind)}`));
    const list = await catalogs.get(kind).catch(e => {
        catalogs.delete(kind);
        throw e;
    });
    select.replaceChildren(...entries(list).map(e => el('option', {value: e.id}, `${e.id} — ${e.name || ''}`)));
    for (const p of [].concat(preferred || [])) {
        const option = [...select.options].find(o => o.value === p);
        if (option) option.selected = true;
    }
    return entries(list);
}

/** The entries of a catalog answer ({count, entries} or a bare array). */
export function entries(list) {
    return Array.isArray(list) ? list : (list && list.entries) || [];
}

/** A palette shared by the pages so one thing has one colour everywhere. */
export const COLOURS = {
    compute: '#2f6fb0', communication: '#e08a1e', bubble: '#c9c9c9', range: '#7a7a7a',
    good: '#3a8f4b', bad: '#b8322a'
};

/** A figure as published (amounts, exchange rates): grouped digits, never rounded to fewer places. */
export function asPrinted(v) {
    return v === null || v === undefined ? '–' : v.toLocaleString('en-US', {maximumFractionDigits: 10});
}

/** Whole dollars from $100 up, cents below (as the CLI's cost table prints them); a pair as "low–high". */
export function usd(low, high = low) {
    const one = v => v === null || v === undefined ? '–'
        : '$' + v.toLocaleString('en-US', {maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 3});
    return low === high || high === null || high === undefined ? one(low) : `${one(low)}–${one(high)}`;
}

/** A source line or a price's "how": every URL in it becomes a link, the rest (e.g. "(reprint of …)") stays text. */
export function sourceNode(text) {
    const node = el('span', {class: 'source'});
    const parts = String(text || '–').split(/(https?:\/\/[^\s;,]*[^\s;,.)])/);
    parts.forEach((part, i) => node.append(i % 2 ? el('a', {href: part, rel: 'noopener noreferrer', target: '_blank'}, part) : part));
    return node;
}

/**
 * The price a cost used, as the JSON's `price` object says it (cost, plan train, plan serve): kind, date, basis and
 * unit, the dollars (a range where the figure is one), the yuan as printed with the Federal Reserve rate the server
 * converted at, and how the figure was reached (its source, and the arithmetic when it is per instance or derived).
 * Nothing is computed here.
 */
export function priceTag(p) {
    if (!p) return el('span', {class: 'price'}, '–');
    const flags = [p.kind, p.date, p.derived ? 'derived' : null, p.low_standing ? 'low standing' : null].filter(Boolean);
    const parts = [`${flags.join(', ')} · ${p.basis}, ${usd(p.usd_low, p.usd_high)} per ${p.per}`];
    if (p.currency && p.currency !== 'USD') {
        const amount = p.amount_high === null || p.amount_high === undefined
            ? asPrinted(p.amount) : `${asPrinted(p.amount)}–${asPrinted(p.amount_high)}`;
        parts.push(`${p.currency} ${amount}`
            + (p.cny_per_usd ? ` at ${asPrinted(p.cny_per_usd)} ${p.currency}/USD (${p.fx_date || 'undated'})` : ''));
    }
    return el('span', {class: 'price'}, parts.join(' · '), ' · ', sourceNode(p.how || p.source));
}
