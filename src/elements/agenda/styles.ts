/**
 * Agenda CSS. `.@x` becomes `.<prefix>__x`. Colours come from `--kairos-*` custom properties
 * (the defaults meet WCAG AA contrast on white).
 */
const BORDER = '1px solid var(--kairos-border,#c4ccd5)';
const MUTED = 'color:var(--kairos-muted,#57606a)';
const HOVER = ':hover{background:var(--kairos-hover,#eef2f6)}';

/** The Agenda stylesheet text. */
export const AGENDA_CSS =
  `.@header{display:flex;flex-wrap:wrap;align-items:center;gap:.5em;padding:.5em 0;border-bottom:${BORDER}}` +
  '.@title{flex:1 1 12em;margin:0;font-weight:600}' +
  '.@controls{display:flex;gap:.35em}' +
  `.@nav,.@today{border:${BORDER};background:var(--kairos-button-background,#fff);border-radius:6px;min-width:2.4em;min-height:2.4em;padding:0 .7em}` +
  `.@nav{padding:0;display:inline-grid;place-items:center}.@nav${HOVER}.@today${HOVER}.@event-button${HOVER}` +
  '.@root svg{width:1.3em;height:1.3em;fill:currentColor;vertical-align:middle}' +
  '[dir=rtl] .@nav svg{transform:scaleX(-1)}' +
  `.@section-label{font-size:.85em;font-weight:600;${MUTED};margin:.5em 0 .25em}` +
  '.@list{list-style:none;margin:.5em 0;padding:0;display:grid;gap:.35em}' +
  `.@event{border:${BORDER};border-radius:6px}` +
  '.@event--unconfirmed{border-style:dashed;font-style:italic}' +
  '.@event--cancelled .@event-summary{text-decoration:line-through}' +
  '.@event--free{background:repeating-linear-gradient(135deg,#fff 0 6px,var(--kairos-free-stripe,#f1f3f5) 6px 12px)}' +
  '.@event-button{display:grid;grid-template-columns:.3em minmax(5.5em,max-content) minmax(6em,1fr) auto;gap:.6em;align-items:center;width:100%;text-align:start;background:none;border:0;padding:.5em .6em}' +
  '.@event-marker{align-self:stretch;min-height:1.2em;border-radius:2px}' +
  `.@event-time,.@badge,.@icon,.@event-details dt,.@empty,.@loading{${MUTED}}` +
  '.@event-time{font-size:.9em;font-variant-numeric:tabular-nums}' +
  '.@event-summary{font-weight:500;overflow-wrap:anywhere}' +
  '.@badge{font-size:.75em;border:1px solid;border-radius:1em;padding:0 .5em;white-space:nowrap}' +
  '.@event-details{padding:0 .75em .75em 1.5em}' +
  '.@event-details dl{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em;margin:0}' +
  '.@event-details dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}' +
  '.@event-details ul{margin:0;padding:0;list-style:none}' +
  '.@empty,.@loading{margin:0;padding:1em 0}';
