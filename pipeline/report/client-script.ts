import { TAXONOMY_SCRIPT } from './client-taxonomy.js';

/**
 * The page script, inlined (the page's CSP admits exactly this script by its hash). It reads the
 * embedded JSON and builds the taxonomy tree with its value facets and the node and facet panel
 * (client-taxonomy.ts), and the persona cards. Every string from the data goes into the page
 * through textContent, never as markup.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function button(cls, text) { var b = el('button', cls, text); b.type = 'button'; return b; }
  function fmt(n) { return Number(n).toLocaleString('en-US'); }

${TAXONOMY_SCRIPT}
  /* ---------- persona cards ---------- */
  var P = data.personas;
  var grid = document.getElementById('persona-grid');
  function chip(name, value) {
    var c = el('span', 'chip');
    c.append(document.createTextNode(name + ': '), el('b', null, value === null || value === undefined ? '\u2014' : value));
    return c;
  }
  function facetOf(a) { return a.facetId ? P.facets[a.facetId] || null : null; }
  /** The attribute's name on the card: its leaf, and its value facet when the leaf is split. */
  function attrName(a) {
    var f = facetOf(a);
    return P.nodes[a.nodeId].label + (f && f.isSplit ? ' › ' + f.label : '');
  }
  function provenance(a) {
    var box = el('div', 'prov');
    var f = facetOf(a);
    var path = el('div', 'path', f ? f.path : P.nodes[a.nodeId].path);
    if (f && f.isSplit) path.append(' ', facetBadge());
    box.append(path);
    box.append(el('div', 'muted', 'origin ' + a.origin + ' \u00B7 stratum ' + a.stratum + ' \u00B7 ' + a.polarity));
    if (a.origin === 'corpus') {
      var e = a.evidence === null ? null : P.evidence[a.evidence];
      if (e) { var ol = el('ol', 'evidence'); ol.append(evidenceItem(e)); box.append(ol); }
      else box.append(el('div', 'muted', 'No evidence quote found for this value.'));
    } else if (a.origin === 'anchor') box.append(el('div', 'muted', 'Set from the sampled anchors (population tables).'));
    else box.append(el('div', 'muted', 'Written by the LLM.'));
    var facet = f && f.isSplit && facetById[a.facetId];
    if (facet || byId[a.nodeId]) {
      var go = button(null, facet ? 'show this facet in the taxonomy' : 'show this node in the taxonomy');
      go.addEventListener('click', function () {
        if (facet) selectFacet(a.facetId, true);
        else selectNode(a.nodeId, true);
        document.getElementById('taxonomy').scrollIntoView();
      });
      box.append(go);
    }
    return box;
  }
  function buildCard(det, c) {
    var body = el('div', 'persona-body');
    var a = c.anchors;
    var anchors = el('div', 'anchors');
    anchors.append(chip('country', a.country), chip('age', a.age), chip('sex', a.sex),
      chip('city', a.city ? a.city + (a.region ? ' (' + a.region + ')' : '') : null), chip('occupation', a.occupation));
    body.append(anchors, el('div', 'summary-text', c.summary));
    var groups = {}, order = [];
    c.attributes.forEach(function (x) {
      var r = P.nodes[x.nodeId].root;
      if (!groups[r]) { groups[r] = []; order.push(r); }
      groups[r].push(x);
    });
    var roots = el('div', 'roots');
    order.forEach(function (r) {
      var sec = el('section', 'root-group');
      sec.append(el('h4', null, r + ' (' + groups[r].length + ')'));
      var ul = el('ul');
      groups[r].forEach(function (x) {
        var li = el('li', 'attr-item');
        var b = button('attr');
        b.setAttribute('data-node-id', x.nodeId);
        if (x.facetId) b.setAttribute('data-facet-id', x.facetId);
        b.append(el('span', 'attr-label', attrName(x) + ':'), el('span', 'attr-value', x.value));
        if (x.polarity === 'negative') b.append(el('span', 'neg', 'dislikes'));
        b.append(el('span', 'badge badge-' + x.origin, x.origin));
        var prov = null;
        b.addEventListener('click', function () {
          if (!prov) { prov = provenance(x); li.append(prov); }
          else prov.hidden = !prov.hidden;
        });
        li.append(b);
        ul.append(li);
      });
      sec.append(ul);
      roots.append(sec);
    });
    body.append(roots);
    det.append(body);
  }
  if (grid) P.cards.forEach(function (c) {
    var det = el('details', 'persona');
    det.setAttribute('data-persona-id', c.id);
    var a = c.anchors;
    var head = el('summary', 'persona-head');
    head.append(el('span', 'pidx', '#' + c.index),
      el('span', 'pname', [a.age === null ? null : a.age + ' y', a.sex].filter(Boolean).join(', ') || 'persona'),
      el('span', 'pcount', c.attributes.length + ' attributes'),
      el('span', 'ploc', [a.city, a.country].filter(Boolean).join(', ')),
      el('span', 'pocc', a.occupation || 'no occupation'));
    det.append(head);
    det.addEventListener('toggle', function () {
      if (det.open && !det.getAttribute('data-built')) { buildCard(det, c); det.setAttribute('data-built', '1'); }
    });
    det._text = [c.summary, a.country, a.city, a.occupation].concat(c.attributes.map(function (x) { return attrName(x) + ' ' + x.value; })).join(' ').toLowerCase();
    grid.append(det);
  });
  var filter = document.getElementById('persona-filter');
  if (filter) filter.addEventListener('input', function () {
    var q = filter.value.trim().toLowerCase();
    grid.querySelectorAll('details.persona').forEach(function (d) { d.hidden = q !== '' && d._text.indexOf(q) < 0; });
  });
})();
`;
