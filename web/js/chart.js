// Bar charts as inline SVG (no chart library): horizontal bars for
// categories or units, vertical bars for months. Each chart has a title
// and a description, and the same figures are in the table beside it.
import { html } from "./lib.js";
import { num } from "./fmt.js";

export function HBars({ title, rows, label, value, fmt = num, max = 24 }) {
  const shown = rows.slice(0, max);
  const top = Math.max(1, ...shown.map(value));
  const rowH = 20, left = 210, width = 640, h = shown.length * rowH + 10;
  return html`<svg class="chart" viewBox=${`0 0 ${width} ${h}`} role="img" aria-label=${title}>
    <title>${title}</title>
    ${shown.map((r, i) => {
      const w = Math.round((value(r) / top) * (width - left - 110));
      const y = 5 + i * rowH;
      return html`<g>
        <text x=${left - 6} y=${y + 13} text-anchor="end">${String(label(r)).slice(0, 34)}</text>
        <rect class="bar" x=${left} y=${y + 2} width=${Math.max(w, value(r) ? 1 : 0)} height=${rowH - 6} />
        <text x=${left + w + 4} y=${y + 13}>${fmt(value(r))}</text></g>`;
    })}
  </svg>`;
}

export function VBars({ title, rows, label, value, fmt = num, alt }) {
  const top = Math.max(1, ...rows.map(value));
  const width = 640, h = 220, base = 180, bw = (width - 40) / Math.max(rows.length, 1);
  return html`<svg class="chart" viewBox=${`0 0 ${width} ${h}`} role="img" aria-label=${title}>
    <title>${title}</title>
    <line class="axis" x1="20" y1=${base} x2=${width - 10} y2=${base} />
    ${rows.map((r, i) => {
      const bh = Math.round((value(r) / top) * (base - 30));
      const x = 25 + i * bw;
      return html`<g>
        <rect class=${"bar" + (alt && alt(r) ? " alt" : "")} x=${x} y=${base - bh} width=${bw - 8} height=${bh} />
        <text x=${x + (bw - 8) / 2} y=${base + 14} text-anchor="middle">${label(r)}</text>
        <text x=${x + (bw - 8) / 2} y=${base - bh - 4} text-anchor="middle">${fmt(value(r))}</text></g>`;
    })}
  </svg>`;
}
