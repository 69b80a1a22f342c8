/**
 * The taxonomy half of the page script (client-script.ts wraps it): the tree with its value
 * facets below the split leaves, the treemap's clicks, and the node and facet panel. It defines
 * byId, facetById, selectNode, selectFacet and evidenceItem for the persona half. Plain ES5 in a
 * string; every string from the data goes in through textContent.
 */
export const TAXONOMY_SCRIPT = String.raw`
  /* ---------- taxonomy: tree, treemap, node and facet panel ---------- */
  var tax = data.taxonomy;
  var byId = {}, kids = {}, items = {}, cells = {};
  var facetById = {}, facetsOf = {}, facetItems = {};
  function byLabel(a, b) { return a.label < b.label ? -1 : a.label > b.label ? 1 : 0; }
  if (tax) {
    tax.nodes.forEach(function (n) {
      byId[n.id] = n;
      var k = n.parentId || '';
      (kids[k] = kids[k] || []).push(n);
    });
    Object.keys(kids).forEach(function (k) { kids[k].sort(byLabel); });
    (tax.facets || []).forEach(function (f) {
      facetById[f.id] = f;
      if (f.isSplit) (facetsOf[f.nodeId] = facetsOf[f.nodeId] || []).push(f);
    });
    // A split leaf's facets by support, largest first: the leaf's main kinds of value lead.
    Object.keys(facetsOf).forEach(function (k) {
      facetsOf[k].sort(function (a, b) { return b.support.mentions - a.support.mentions || byLabel(a, b); });
    });
  }
  var tree = document.getElementById('tree');
  var detail = document.getElementById('node-detail');
  document.querySelectorAll('.tm-cell').forEach(function (g) { cells[g.getAttribute('data-node')] = g; });
  function opens(id) { return !!(kids[id] || facetsOf[id]); }
  function facetBadge() {
    var b = el('span', 'facet-badge', 'facet');
    b.title = 'value facet: a named cluster of this leaf\u2019s values';
    return b;
  }

  function treeRow(li, toggle, label, extra, support) {
    var row = el('div', 'tree-row');
    var count = el('span', 'count', fmt(support.mentions));
    count.title = support.mentions + ' mentions, ' + support.conversations + ' conversations' + (support.sources === undefined ? '' : ', ' + support.sources + ' sources');
    row.append(toggle, label);
    if (extra) row.append(extra);
    row.append(count);
    li.append(row);
    return li;
  }
  function treeItem(n) {
    var li = el('li', 'tree-item');
    li.setAttribute('role', 'treeitem');
    li.setAttribute('data-node-id', n.id);
    var has = opens(n.id);
    var toggle = button('toggle' + (has ? '' : ' leaf'), has ? '\u25B8' : '\u2022');
    if (has) { toggle.setAttribute('aria-expanded', 'false'); toggle.setAttribute('aria-label', 'expand ' + n.label); }
    else toggle.tabIndex = -1;
    var extra = facetsOf[n.id] ? el('span', 'facet-count', facetsOf[n.id].length + ' facets') : null;
    items[n.id] = li;
    return treeRow(li, toggle, button('node-label', n.label), extra, n.support);
  }
  function facetItem(f) {
    var li = el('li', 'tree-item facet-item');
    li.setAttribute('role', 'treeitem');
    li.setAttribute('data-facet-id', f.id);
    var toggle = button('toggle leaf', '\u25E6');
    toggle.tabIndex = -1;
    facetItems[f.id] = li;
    return treeRow(li, toggle, button('node-label facet-label', f.label), facetBadge(), f.support);
  }
  function setOpen(id, open) {
    var li = items[id];
    if (!li || !opens(id)) return;
    var ul = li.querySelector(':scope > ul');
    if (!ul) {
      ul = el('ul', 'tree-children');
      ul.setAttribute('role', 'group');
      (kids[id] || []).forEach(function (c) { ul.append(treeItem(c)); });
      (facetsOf[id] || []).forEach(function (f) { ul.append(facetItem(f)); });
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
  var marked = [];
  function select(li, cell, scroll) {
    marked.forEach(function (m) { m.classList.remove('selected', 'tm-selected'); });
    marked = [];
    if (li) {
      li.classList.add('selected');
      marked.push(li);
      if (scroll) li.scrollIntoView({ block: 'nearest' });
    }
    if (cell) { cell.classList.add('tm-selected'); marked.push(cell); }
  }
  function selectNode(id, scroll) {
    var n = byId[id];
    if (!n) return;
    var chain = ancestors(n);
    chain.slice(0, -1).forEach(function (a) { setOpen(a.id, true); });
    select(items[id], cells[id], scroll);
    renderNode(n, chain);
  }
  function selectFacet(id, scroll) {
    var f = facetById[id], n = f && byId[f.nodeId];
    if (!n) return;
    var chain = ancestors(n);
    if (!f.isSplit) return selectNode(n.id, scroll);
    chain.forEach(function (a) { setOpen(a.id, true); });
    select(facetItems[id], cells[n.id], scroll);
    renderFacet(f, chain);
  }

  function header(title, chain, tail) {
    detail.replaceChildren();
    var h = el('h3', null, title);
    if (tail) h.append(' ', facetBadge());
    detail.append(h);
    var crumbs = el('div', 'crumbs');
    chain.forEach(function (a, i) {
      if (i > 0) crumbs.append(el('span', null, '\u203A'));
      var b = button(null, a.label);
      b.addEventListener('click', function () { selectNode(a.id, true); });
      crumbs.append(b);
    });
    if (tail) crumbs.append(el('span', null, '\u203A'), el('span', 'crumb-here', tail));
    detail.append(crumbs);
  }
  function pathLine(path, note) {
    var p = el('div', 'muted');
    p.append(el('code', 'node-path', path), document.createTextNode('  \u00B7 ' + note));
    detail.append(p);
  }
  function stats(list) {
    var box = el('div', 'stats');
    list.forEach(function (s) {
      var d = el('div', 'stat');
      d.append(el('b', null, s[1]), el('span', null, s[0]));
      box.append(d);
    });
    detail.append(box);
  }
  function valuesTable(values, distinct) {
    detail.append(el('h4', null, 'Values (' + values.length + ' of ' + fmt(distinct) + ' distinct)'));
    if (values.length === 0) return detail.append(el('p', 'muted', 'No values recorded.'));
    var table = el('table', 'values');
    var max = values[0].count || 1;
    values.forEach(function (v) {
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
  function evidenceList(evidence, mentions) {
    detail.append(el('h4', null, 'Evidence (' + evidence.length + ' of ' + fmt(mentions) + ' mentions)'));
    if (evidence.length === 0) return detail.append(el('p', 'muted', 'No evidence quotes.'));
    var ol = el('ol', 'evidence');
    evidence.forEach(function (e) { ol.append(evidenceItem(e)); });
    detail.append(ol);
  }
  function renderNode(n, chain) {
    header(n.label, chain, null);
    pathLine(n.path, n.isLeaf ? 'leaf, ' + (n.valueType || 'untyped') : (kids[n.id] || []).length + ' children');
    stats([['mentions', fmt(n.support.mentions)], ['conversations', fmt(n.support.conversations)], ['sources', fmt(n.support.sources)]]);
    var facets = facetsOf[n.id];
    if (facets) {
      detail.append(el('h4', null, 'Value facets (' + facets.length + ')'));
      var chips = el('div', 'facet-chips');
      facets.forEach(function (f) {
        var b = button('facet-chip');
        b.setAttribute('data-facet-id', f.id);
        b.append(el('span', null, f.label), el('span', 'count', fmt(f.support.mentions)));
        b.addEventListener('click', function () { selectFacet(f.id, true); });
        chips.append(b);
      });
      detail.append(chips);
    } else if (n.isLeaf && tax.facets && tax.facets.length) {
      detail.append(el('p', 'muted', 'Not split into value facets (too few distinct values, or numeric).'));
    }
    valuesTable(n.values, n.distinctValues);
    evidenceList(n.evidence, n.support.mentions);
  }
  function renderFacet(f, chain) {
    var leaf = byId[f.nodeId];
    header(f.label, chain, f.label);
    pathLine(f.path, 'value facet of ' + leaf.label + ' (' + facetsOf[leaf.id].length + ' facets)');
    var share = leaf.support.mentions ? Math.round(100 * f.support.mentions / leaf.support.mentions) + '%' : '\u2014';
    stats([['mentions', fmt(f.support.mentions)], ['conversations', fmt(f.support.conversations)], ['of the leaf\u2019s mentions', share]]);
    valuesTable(f.values, f.distinctValues);
    evidenceList(f.evidence, f.support.mentions);
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
      var facet = li.getAttribute('data-facet-id');
      if (facet) { if (b.classList.contains('node-label')) selectFacet(facet, false); return; }
      var id = li.getAttribute('data-node-id');
      if (b.classList.contains('toggle')) setOpen(id, b.getAttribute('aria-expanded') !== 'true');
      else if (b.classList.contains('node-label')) selectNode(id, false);
    });
    document.getElementById('expand-all').addEventListener('click', function () {
      // Nodes are sorted by path, so a parent opens (and renders its children) before them.
      tax.nodes.forEach(function (n) { if (opens(n.id) && items[n.id]) setOpen(n.id, true); });
    });
    document.getElementById('collapse-all').addEventListener('click', function () {
      tax.nodes.forEach(function (n) { if (opens(n.id) && items[n.id]) setOpen(n.id, false); });
    });
  }
  var svg = document.querySelector('svg.treemap');
  if (svg) svg.addEventListener('click', function (ev) {
    var g = ev.target.closest('.tm-cell');
    if (g) selectNode(g.getAttribute('data-node'), true);
  });
`;
