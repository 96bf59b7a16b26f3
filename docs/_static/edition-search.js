/* The search of the messages: all in the page, from _static/edition-messages.js
   (written by the docs build), so that it works from disk (file://) as on any
   static host, with no request. Words must all occur (each as the start of a
   word), "phrases in double quotes" as they stand; case and accents are
   ignored. Results in date order, or best match first, each with its date and
   snippets with the words marked; filters by correspondent, year and name. */
(function () {
  "use strict";

  var messages = window.EDITION_MESSAGES || [];

  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i].normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += (c.length ? c[0] : text[i]).toLowerCase();
    }
    return out; /* one character for one: offsets hold in the original */
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* The terms of a query: phrases ("...") and single words, as regular expressions. */
  function terms(query) {
    var out = [];
    var re = /"([^"]+)"|(\S+)/g;
    var m;
    while ((m = re.exec(fold(query))) !== null) {
      var phrase = m[1] !== undefined;
      var words = (phrase ? m[1] : m[2]).replace(/[^\w\s'-]/g, " ").trim();
      if (!words) continue;
      var body = words.split(/\s+/).map(escapeRegExp).join("\\W+");
      out.push({
        text: words,
        phrase: phrase,
        re: new RegExp("(^|\\W)(" + body + (phrase ? ")(?=\\W|$)" : ")"), "g"),
      });
    }
    return out;
  }

  function findAll(term, folded) {
    var hits = [];
    term.re.lastIndex = 0;
    var m;
    while ((m = term.re.exec(folded)) !== null) {
      var start = m.index + m[1].length;
      hits.push([start, start + m[2].length]);
      if (m[0].length === 0) term.re.lastIndex++;
    }
    return hits;
  }

  function snippets(text, hits) {
    var chosen = [];
    hits.sort(function (a, b) { return a[0] - b[0]; });
    hits.forEach(function (hit) {
      var last = chosen[chosen.length - 1];
      if (chosen.length < 3 && (!last || hit[0] > last.end)) {
        var start = Math.max(0, hit[0] - 70);
        var end = Math.min(text.length, hit[1] + 90);
        /* Whole words at both ends. */
        if (start > 0) start = Math.min(hit[0], text.indexOf(" ", start) + 1 || hit[0]);
        if (end < text.length) end = Math.max(hit[1], text.lastIndexOf(" ", end));
        chosen.push({ start: start, end: end });
      }
    });
    return chosen.map(function (window_) {
      var inside = hits.filter(function (h) { return h[0] >= window_.start && h[1] <= window_.end; });
      var html = "";
      var at = window_.start;
      inside.forEach(function (h) {
        if (h[0] < at) return;
        html += escapeHtml(text.slice(at, h[0])) + "<mark>" + escapeHtml(text.slice(h[0], h[1])) + "</mark>";
        at = h[1];
      });
      html += escapeHtml(text.slice(at, window_.end));
      return (window_.start > 0 ? "…" : "") + html + (window_.end < text.length ? "…" : "");
    });
  }

  function search(params) {
    var found = [];
    var query = terms(params.q);
    var name = fold(params.name || "");
    messages.forEach(function (m) {
      if (params.correspondent && m.c.indexOf(params.correspondent) < 0) return;
      if (params.year && String(m.y) !== params.year) return;
      if (name && !m.names.some(function (n) { return fold(n) === name; })) return;
      if (!m.folded) m.folded = fold(m.x);
      var hits = [];
      var score = 0;
      for (var i = 0; i < query.length; i++) {
        var these = findAll(query[i], m.folded);
        if (!these.length) return;
        hits = hits.concat(these);
        score += (query[i].phrase ? 3 : 1) * Math.log(1 + these.length);
      }
      found.push({ message: m, hits: hits, score: score });
    });
    if (params.order === "rank") {
      found.sort(function (a, b) { return b.score - a.score || a.message.n - b.message.n; });
    }
    return found;
  }

  function show(params) {
    var status = document.getElementById("edition-status");
    var list = document.getElementById("edition-results");
    list.innerHTML = "";
    if (!params.q && !params.correspondent && !params.year && !params.name) {
      status.textContent = "Type words, or choose a correspondent, a year or a name.";
      return;
    }
    var found = search(params);
    status.textContent = found.length === 1 ? "1 message" : found.length + " messages";
    var root = document.documentElement.dataset.content_root || "";
    found.forEach(function (f) {
      var m = f.message;
      var item = document.createElement("li");
      var html = '<a href="' + root + "messages/" + m.id + '.html">' + escapeHtml(m.t) + "</a>";
      html += ' <span class="edition-meta">' + escapeHtml(m.c.join(", ")) + "</span>";
      snippets(m.x, f.hits).forEach(function (s) {
        html += '<p class="edition-snippet">' + s + "</p>";
      });
      item.innerHTML = html;
      list.appendChild(item);
    });
  }

  function fill(select, values) {
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = option.textContent = value;
      select.appendChild(option);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("edition-search");
    if (!form) return;
    var people = {}, years = {}, names = {};
    messages.forEach(function (m) {
      m.c.forEach(function (c) { people[c] = (people[c] || 0) + 1; });
      years[m.y] = true;
      m.names.forEach(function (n) { names[n] = true; });
    });
    fill(document.getElementById("edition-correspondent"),
      Object.keys(people).sort(function (a, b) { return people[b] - people[a] || (a < b ? -1 : 1); }));
    fill(document.getElementById("edition-year"), Object.keys(years).filter(Boolean).sort());
    var datalist = document.getElementById("edition-names");
    Object.keys(names).sort().forEach(function (n) {
      var option = document.createElement("option");
      option.value = n;
      datalist.appendChild(option);
    });
    var url = new URLSearchParams(location.search);
    var params = {};
    ["q", "correspondent", "year", "name", "order"].forEach(function (key) {
      params[key] = url.get(key) || "";
      var field = form.elements[key];
      if (field) field.value = params[key] || (key === "order" ? "date" : "");
    });
    show(params);
  });
})();
