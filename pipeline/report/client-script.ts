/**
 * The page script, inlined (the page's CSP admits exactly this script by its hash). It reads the
 * embedded JSON and builds the taxonomy tree, the node panel and the persona cards. Every string
 * from the data goes into the page through textContent, never as markup.
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

  /* ---------- taxonomy: tree, treemap, node panel ---------- */
  var tax = data.taxonomy;
  var byId = {}, kids = {}, items = {}, cells = {};
  if (tax) {
    tax.nodes.forEach(function (n) {
      byId[n.id] = n;
      var k = n.parentId || '';
      (kids[k] = kids[k] || []).push(n);
    });
    Object.keys(kids).forEach(function (k) {
      kids[k].sort(function (a, b) { return a.label < b.label ? -1 : a.label > b.label ? 1 : 0; });
    });
  }
  var tree = document.getElementById('tree');
  var detail = document.getElementById('node-detail');
  document.querySelectorAll('.tm-cell').forEach(function (g) { cells[g.getAttribute('data-node')] = g; });

  function treeItem(n) {
    var li = el('li', 'tree-item');
    li.setAttribute('role', 'treeitem');
    li.setAttribute('data-node-id', n.id);
    var row = el('div', 'tree-row');
    var has = !!kids[n.id];
    var toggle = button('toggle' + (has ? '' : ' leaf'), has ? '\u25B8' : '\u2022');
    if (has) { toggle.setAttribute('aria-expanded', 'false'); toggle.setAttribute('aria-label', 'expand ' + n.label); }
    else toggle.tabIndex = -1;
    var label = button('node-label', n.label);
    var count = el('span', 'count', fmt(n.support.mentions));
    count.title = n.support.mentions + ' mentions, ' + n.support.conversations + ' conversations, ' + n.support.sources + ' sources';
    row.append(toggle, label, count);
    li.append(row);
    items[n.id] = li;
    return li;
  }
  function setOpen(id, open) {
    var li = items[id];
    if (!li || !kids[id]) return;
    var ul = li.querySelector(':scope > ul');
    if (!ul) {
      ul = el('ul', 'tree-children');
      ul.setAttribute('role', 'group');
      kids[id].forEach(function (c) { ul.append(treeItem(c)); });
      li.append(ul);
    }
    ul.hidden = !open;
    var t = li.querySelector(':scope > .tree-row > .toggle');
    t.textContent = open ? '\u25BE' : '\u25B8';
    t.setAttribute('aria-expanded', String(open));
  }
  function ancestors(n) {
    var out = [];
    for (var p = n; p; p = p.parentId ? byId[p.parentId] : null) out.unshift(p);
    return out;
  }
  var selected = null;
  function selectNode(id, scroll) {
    var n = byId[id];
    if (!n) return;
    var chain = ancestors(n);
    chain.slice(0, -1).forEach(function (a) { setOpen(a.id, true); });
    if (selected) {
      if (items[selected]) items[selected].classList.remove('selected');
      if (cells[selected]) cells[selected].classList.remove('tm-selected');
    }
    selected = id;
    if (items[id]) {
      items[id].classList.add('selected');
      if (scroll) items[id].scrollIntoView({ block: 'nearest' });
    }
    if (cells[id]) cells[id].classList.add('tm-selected');
    renderDetail(n, chain);
  }
  function renderDetail(n, chain) {
    detail.replaceChildren();
    detail.append(el('h3', null, n.label));
    var crumbs = el('div', 'crumbs');
    chain.forEach(function (a, i) {
      if (i > 0) crumbs.append(el('span', null, '\u203A'));
      var b = button(null, a.label);
      b.addEventListener('click', function () { selectNode(a.id, true); });
      crumbs.append(b);
    });
    detail.append(crumbs);
    var path = el('div', 'muted');
    path.append(el('code', 'node-path', n.path));
    path.append(document.createTextNode(n.isLeaf ? '  \u00B7 leaf, ' + (n.valueType || 'untyped') : '  \u00B7 ' + (kids[n.id] || []).length + ' children'));
    detail.append(path);
    var stats = el('div', 'stats');
    [['mentions', n.support.mentions], ['conversations', n.support.conversations], ['sources', n.support.sources]].forEach(function (s) {
      var box = el('div', 'stat');
      box.append(el('b', null, fmt(s[1])), el('span', null, s[0]));
      stats.append(box);
    });
    detail.append(stats);
    detail.append(el('h4', null, 'Values (' + n.values.length + ' of ' + fmt(n.distinctValues) + ' distinct)'));
    if (n.values.length === 0) detail.append(el('p', 'muted', 'No values recorded.'));
    else {
      var table = el('table', 'values');
      var max = n.values[0].count || 1;
      n.values.forEach(function (v) {
        var tr = el('tr');
        var td = el('td', 'value-cell');
        td.append(el('span', null, v.value));
        if (v.polarity === 'negative') td.append(el('span', 'neg', ' (negative)'));
        var bar = el('div', 'vbar');
        bar.style.width = Math.max(2, Math.round(100 * v.count / max)) + '%';
        td.append(bar);
        tr.append(td, el('td', 'num', fmt(v.count)));
        table.append(tr);
      });
      detail.append(table);
    }
    detail.append(el('h4', null, 'Evidence (' + n.evidence.length + ' of ' + fmt(n.support.mentions) + ' mentions)'));
    var ol = el('ol', 'evidence');
    n.evidence.forEach(function (e) { ol.append(evidenceItem(e)); });
    if (n.evidence.length === 0) detail.append(el('p', 'muted', 'No evidence quotes.'));
    else detail.append(ol);
  }
  function evidenceItem(e) {
    var li = el('li', 'evidence-item');
    li.append(el('blockquote', 'quote', e.quote));
    var loc = el('div', 'loc');
    loc.append(el('code', 'locator', e.locator));
    loc.append(document.createTextNode(' \u00B7 ' + e.conversation + ' \u00B7 ' + e.attribute + ' = ' + e.value + (e.polarity === 'negative' ? ' (negative)' : '')));
    li.append(loc);
    return li;
  }
  if (tree && tax) {
    (kids[''] || []).forEach(function (r) { tree.append(treeItem(r)); });
    tree.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (!b) return;
      var li = b.closest('li');
      var id = li.getAttribute('data-node-id');
      if (b.classList.contains('toggle')) setOpen(id, b.getAttribute('aria-expanded') !== 'true');
      else if (b.classList.contains('node-label')) selectNode(id, false);
    });
    document.getElementById('expand-all').addEventListener('click', function () {
      // Nodes are sorted by path, so a parent opens (and renders its children) before them.
      tax.nodes.forEach(function (n) { if (kids[n.id] && items[n.id]) setOpen(n.id, true); });
    });
    document.getElementById('collapse-all').addEventListener('click', function () {
      tax.nodes.forEach(function (n) { if (kids[n.id] && items[n.id]) setOpen(n.id, false); });
    });
  }
  var svg = document.querySelector('svg.treemap');
  if (svg) svg.addEventListener('click', function (ev) {
    var g = ev.target.closest('.tm-cell');
    if (g) selectNode(g.getAttribute('data-node'), true);
  });

  /* ---------- persona cards ---------- */
  var P = data.personas;
  var grid = document.getElementById('persona-grid');
  function chip(name, value) {
    var c = el('span', 'chip');
    c.append(document.createTextNode(name + ': '), el('b', null, value === null || value === undefined ? '\u2014' : value));
    return c;
  }
  function provenance(a) {
    var box = el('div', 'prov');
    box.append(el('div', 'path', P.nodes[a.nodeId].path));
    box.append(el('div', 'muted', 'origin ' + a.origin + ' \u00B7 stratum ' + a.stratum + ' \u00B7 ' + a.polarity));
    if (a.origin === 'corpus') {
      var e = a.evidence === null ? null : P.evidence[a.evidence];
      if (e) { var ol = el('ol', 'evidence'); ol.append(evidenceItem(e)); box.append(ol); }
      else box.append(el('div', 'muted', 'No evidence quote found for this value.'));
    } else if (a.origin === 'anchor') box.append(el('div', 'muted', 'Set from the sampled anchors (population tables).'));
    else box.append(el('div', 'muted', 'Written by the LLM.'));
    if (byId[a.nodeId]) {
      var go = button(null, 'show this node in the taxonomy');
      go.addEventListener('click', function () {
        selectNode(a.nodeId, true);
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
        b.append(el('span', 'attr-label', P.nodes[x.nodeId].label + ':'), el('span', 'attr-value', x.value));
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
    det._text = [c.summary, a.country, a.city, a.occupation].concat(c.attributes.map(function (x) { return P.nodes[x.nodeId].label + ' ' + x.value; })).join(' ').toLowerCase();
    grid.append(det);
  });
  var filter = document.getElementById('persona-filter');
  if (filter) filter.addEventListener('input', function () {
    var q = filter.value.trim().toLowerCase();
    grid.querySelectorAll('details.persona').forEach(function (d) { d.hidden = q !== '' && d._text.indexOf(q) < 0; });
  });
})();
`;
