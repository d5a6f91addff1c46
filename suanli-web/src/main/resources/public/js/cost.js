// Cost page: one server's cost (POST /api/cost, the body as cost --json's options: server, servers, days,
// price_date, price_basis, price_currency) with the price it used from the price book: kind, date, source, the yuan
// as printed and the rate converted at, a range where the figure is one, or what was searched when none is published.
// Every figure is the server's; this page only lays them out.
import {el, fillCatalogSelect, fmt, formBody, guarded, api, priceTag, usd} from './api.js';

const form = document.getElementById('cost-form');

/** The "price used" line: the price tag, or why there is none (the server's own words). */
function priceUsed(c) {
    const box = document.getElementById('price-used');
    if (c.price) {
        box.replaceChildren(priceTag(c.price));
    } else if (c.no_public_price) {
        box.replaceChildren(el('span', {class: 'no-price'}, `no public price: searched ${c.no_public_price}`));
    } else {
        box.replaceChildren(el('span', {class: 'no-price'}, `no ${c.price_basis === 'auto' ? '' : c.price_basis + ' '}price published `
            + `for ${c.server}; give one with usd_per_gpu_hour or a price file (catalog prices lists the rows)`));
    }
    const choice = `chosen: basis ${c.price_basis}, date ${c.price_date}, currency ${c.price_currency}`;
    box.append(el('br'), el('span', {class: 'muted'}, choice));
}

function render(c) {
    document.getElementById('cost-result').hidden = false;
    priceUsed(c);
    const days = fmt(c.days);
    const rows = [
        ['servers', `${fmt(c.servers)} x ${c.server}`],
        ['server price', c.server_price_usd === null ? 'not published' : usd(c.server_price_usd)],
        ['capital (servers + network ports)', c.capex_usd === null ? 'not published' : usd(c.capex_usd)],
        [`capital amortised over ${days} days (${fmt(c.amortisation_years)}-year life)`,
            c.amortised_usd === null ? 'not published' : usd(c.amortised_usd)],
        ['power at maximum', `${fmt(c.kw)} kW (${c.kw_basis})`],
        [`energy (${fmt(100 * c.utilisation)}% load, PUE ${fmt(c.pue)})`, `${fmt(c.energy_kwh)} kWh`],
        ['energy cost', usd(c.energy_usd)],
        ['total', c.usd === null ? 'needs a price' : usd(c.usd)],
        ['total, over the price range', c.usd_low === null ? '–' : usd(c.usd_low, c.usd_high)],
        ['per GPU-hour', c.usd_per_gpu_hour === null ? '–' : usd(c.usd_per_gpu_hour)]
    ];
    const table = document.getElementById('table-cost');
    table.replaceChildren(el('thead', {}, el('tr', {}, el('th', {}, 'item'), el('th', {}, 'value'))),
        el('tbody', {}, rows.map(([item, value]) => el('tr', {}, el('td', {}, item), el('td', {class: 'num'}, value)))));
    document.getElementById('cost-notes').textContent = `power at maximum is ${c.kw_basis}: ${c.kw_rule}`;
}

async function cost(event) {
    event.preventDefault();
    const button = document.getElementById('cost-submit');
    button.disabled = true;
    try {
        render(await api('/api/cost', {method: 'POST', body: formBody(form)}));
    } finally {
        button.disabled = false;
    }
}

form.addEventListener('submit', event => guarded(() => cost(event)));
guarded(() => fillCatalogSelect(document.getElementById('server'), 'server', 'dgx-h100'));
