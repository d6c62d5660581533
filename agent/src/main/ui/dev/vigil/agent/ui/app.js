// Vigil's page: reads /vigil/api/* and draws it. Plain DOM, no framework. Every string from the API (route names, SQL,
// pool names) is put in the page as text (textContent, setAttribute), never parsed as HTML.
(function () {
  'use strict';
  var REFRESH_MS = 5000;
  var view = document.getElementById('view');
  var statusEl = document.getElementById('status');
  var serviceEl = document.getElementById('service');
  var timer = null;
  var generation = 0; // bumped on each navigation: answers for an older view are dropped
  var charts = [];
  var traceUrl = null; // learnt from the route view; used to link trace ids elsewhere

  // ---- DOM helpers -------------------------------------------------------------------------------------------------
  function h(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') e.className = v;
        else if (k === 'onclick') e.addEventListener('click', v);
        else e.setAttribute(k, String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  function add(parent, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach(function (k) { add(parent, k); }); return; }
    parent.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function replace(e, kid) { clear(e); add(e, kid); }

  // ---- formatting --------------------------------------------------------------------------------------------------
  var DASH = '–';
  function num(v) { return typeof v === 'number' && isFinite(v); }
  function ms(v) {
    if (!num(v)) return DASH;
    return v < 1 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
  }
  function rate(v) { return num(v) ? v.toFixed(2) : DASH; }
  function pct(v) { return num(v) ? v.toFixed(1) : DASH; }
  function ratio(v) { return num(v) ? (v * 100).toFixed(1) + ' %' : DASH; }
  function fixed2(v) { return num(v) ? v.toFixed(2) : DASH; }
  function count(v) { return num(v) ? String(Math.round(v)) : DASH; }
  function max(v) { return num(v) && v >= 2147483647 ? 'unbounded' : count(v); }
  function routeKey(r) { return r.method + ' ' + r.route; }
  function routeHref(method, route) {
    return '#/route?method=' + encodeURIComponent(method) + '&route=' + encodeURIComponent(route);
  }
  function span(seconds) { return seconds >= 120 && seconds % 60 === 0 ? seconds / 60 + ' min' : seconds + ' s'; }
  function time(msEpoch) { return new Date(msEpoch).toLocaleTimeString(); }

  // A link to the tracing UI for a trace id, when vigil.ui.trace_url names an http(s) URL; plain text otherwise.
  function traceLink(id) {
    var safeId = /^[0-9a-f]{32}$/.test(id);
    if (traceUrl && safeId && /^https?:\/\//i.test(traceUrl)) {
      return h('a', { class: 'trace', href: traceUrl.split('{trace_id}').join(id), target: '_blank',
        rel: 'noopener noreferrer', title: id, 'data-trace-id': id }, h('code', null, id.slice(0, 16) + '…'));
    }
    return h('code', { class: 'trace', 'data-trace-id': safeId ? id : null, title: id }, id);
  }

  // A horizontal bar for a 0..1 value, with the percentage beside it.
  function bar(v, warnAt) {
    var f = num(v) ? Math.max(0, Math.min(1, v)) : 0;
    var fill = h('span', { class: 'fill' + (warnAt && f >= warnAt ? ' warn' : '') });
    fill.style.width = (f * 100).toFixed(1) + '%'; // CSSOM, allowed by the style-src 'self' policy
    return h('span', { class: 'bar' }, h('span', { class: 'track' }, fill), h('span', { class: 'val' }, ratio(v)));
  }

  // ---- fetching ----------------------------------------------------------------------------------------------------
  function token() { try { return sessionStorage.getItem('vigil.token'); } catch (e) { return null; } }

  function api(path) {
    var headers = { 'Accept': 'application/json' };
    var t = token();
    if (t) headers['Authorization'] = 'Bearer ' + t;
    return fetch('api/' + path, { headers: headers, cache: 'no-store' }).then(function (r) {
      if (r.status === 401 || r.status === 403) { var e = new Error('token needed'); e.auth = true; throw e; }
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body && body.error) || ('HTTP ' + r.status));
        return body;
      }, function () { throw new Error('HTTP ' + r.status); });
    });
  }

  function showError(e) {
    if (e && e.auth) { tokenForm(); return; }
    statusEl.className = 'status bad';
    statusEl.textContent = 'not updated: ' + (e && e.message ? e.message : e);
  }
  function showOk(nowMs) {
    statusEl.className = 'status';
    statusEl.textContent = 'updated ' + time(nowMs || Date.now());
    view.setAttribute('data-now-ms', String(nowMs || Date.now()));
  }

  // The endpoint bound beyond loopback wants a bearer token (vigil.http.token): asked once, kept for this tab only.
  function tokenForm() {
    stop();
    var input = h('input', { type: 'password', id: 'token', placeholder: 'vigil.http.token', autocomplete: 'off' });
    var go = h('button', { type: 'button', onclick: function () {
      try { sessionStorage.setItem('vigil.token', input.value.trim()); } catch (e) { /* private mode */ }
      route();
    } }, 'Use token');
    replace(view, h('section', { class: 'card narrow' }, h('h2', null, 'Token needed'),
      h('p', null, 'This endpoint is reachable beyond this machine, so it asks for the bearer token set in ',
        h('code', null, 'vigil.http.token'), '.'), h('p', null, input, ' ', go)));
  }

  // ---- charts (uPlot) ----------------------------------------------------------------------------------------------
  function destroyCharts() { charts.forEach(function (c) { c.destroy(); }); charts = []; }

  function seconds(msList) { return (msList || []).map(function (t) { return t / 1000; }); }
  function clean(list) { return (list || []).map(function (v) { return num(v) ? v : null; }); }

  function sparkline(target, spark) {
    if (!spark || !spark.minute_ms || spark.minute_ms.length < 2 || typeof uPlot === 'undefined') {
      add(target, h('span', { class: 'muted' }, DASH));
      return;
    }
    var c = new uPlot({
      width: 140, height: 30, class: 'spark', legend: { show: false }, cursor: { show: false }, select: { show: false },
      scales: { x: { time: true }, y: { range: function (u, lo, hi) { return [0, Math.max(hi, 0.001)]; } } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: '#2f6fdf', fill: 'rgba(47,111,223,0.15)', width: 1.5, points: { show: false } }]
    }, [seconds(spark.minute_ms), clean(spark.rate_per_s)], target);
    charts.push(c);
  }

  function timeChart(target, title, unit, xs, series) {
    var width = Math.max(320, Math.min(target.clientWidth || 560, 900));
    var opts = {
      title: title, width: width, height: 220,
      scales: { x: { time: true } },
      axes: [{}, { label: unit, size: 60 }],
      series: [{}].concat(series.map(function (s) {
        return { label: s.label, stroke: s.color, width: 1.5, points: { show: false },
          value: function (u, v) { return v === null || v === undefined ? DASH : ms(v); } };
      }))
    };
    var c = new uPlot(opts, [seconds(xs)].concat(series.map(function (s) { return clean(s.data); })), target);
    charts.push(c);
    return c;
  }

  // ---- views -------------------------------------------------------------------------------------------------------
  var OVERVIEW_COLS = [
    ['rate_per_s', 'Rate/s', rate], ['error_pct', 'Error %', pct], ['p50_ms', 'p50 ms', ms], ['p90_ms', 'p90 ms', ms],
    ['p99_ms', 'p99 ms', ms], ['p999_ms', 'p99.9 ms', ms]
  ];

  function overview(gen) {
    return api('overview').then(function (o) {
      if (gen !== generation) return;
      serviceEl.textContent = o.service || '';
      destroyCharts();
      var head = h('tr', null, h('th', null, ''), h('th', { class: 'left' }, 'Route'),
        OVERVIEW_COLS.map(function (c) { return h('th', null, c[1]); }),
        h('th', null, 'Apdex'), h('th', null, 'In flight'), h('th', null, 'Rate, last 15 min'));
      var rows = (o.routes || []).map(function (r) {
        var spark = h('td', { class: 'sparkcell' });
        var tr = h('tr', { class: r.healthy === false ? 'unhealthy' : null, 'data-method': r.method,
            'data-route': r.route, 'data-healthy': String(r.healthy !== false) },
          h('td', { class: 'mark', title: r.healthy === false ? 'unhealthy: see Diagnosis' : 'healthy' },
            r.healthy === false ? '●' : ''),
          h('td', { class: 'left' }, h('a', { href: routeHref(r.method, r.route) },
            h('span', { class: 'method' }, r.method), ' ', h('span', { class: 'route' }, r.route))),
          OVERVIEW_COLS.map(function (c) { return h('td', { 'data-field': c[0] }, c[2](r[c[0]])); }),
          h('td', { 'data-field': 'apdex' }, fixed2(r.apdex), ' ', rating(r.apdex_rating)),
          h('td', { 'data-field': 'in_flight' }, count(r.in_flight)),
          spark);
        return { tr: tr, spark: spark, r: r };
      });
      var table = h('table', { class: 'grid', id: 'overview' }, h('thead', null, head),
        h('tbody', null, rows.map(function (x) { return x.tr; })));
      replace(view, [
        h('div', { class: 'titlebar' }, h('h1', null, 'Endpoints'),
          h('span', { class: 'muted' }, 'last ' + span(o.window_seconds || 60) + ', refreshed every 5 s')),
        rows.length ? table : h('p', { class: 'muted empty' }, 'No requests recorded yet.')
      ]);
      rows.forEach(function (x) { sparkline(x.spark, x.r.spark); });
      showOk(o.now_ms);
    });
  }

  function rating(name) {
    if (!name) return null;
    return h('span', { class: 'rating r-' + String(name).toLowerCase() }, name);
  }

  function section(title, id) {
    var body = h('div', { class: 'body' });
    var s = h('section', { class: 'card', id: id }, h('h2', null, title), body);
    s.body = body;
    return s;
  }

  function table(cls, headers, rows, emptyText) {
    if (!rows.length) return h('p', { class: 'muted empty' }, emptyText);
    return h('table', { class: 'grid ' + cls },
      h('thead', null, h('tr', null, headers.map(function (x, i) { return h('th', { class: i === 0 ? 'left' : null }, x); }))),
      h('tbody', null, rows));
  }

  // The route view is laid out once per visit; each refresh fills the sections and feeds the charts new data.
  function routeView(gen, params) {
    var method = params.get('method') || 'GET';
    var name = params.get('route') || '/';
    var q = 'route?method=' + encodeURIComponent(method) + '&route=' + encodeURIComponent(name);
    var tiles = h('div', { class: 'tiles' });
    var latency = section('Latency percentiles', 'latency');
    var traffic = section('Rate and errors', 'traffic');
    var sql = section('SQL', 'sql');
    var n1 = section('N+1 queries', 'n-plus-one');
    var outbound = section('Outbound calls', 'outbound');
    var cache = section('Cache', 'cache');
    var pools = section('Pools', 'pools');
    var flame = section('CPU flame graph', 'flame');
    replace(view, [
      h('div', { class: 'titlebar' }, h('h1', null, h('span', { class: 'method' }, method), ' ',
        h('span', { class: 'route', id: 'route-name' }, name)), h('a', { href: '#/' }, '← all endpoints')),
      tiles, h('div', { class: 'two' }, latency, traffic), sql, n1, h('div', { class: 'two' }, outbound, cache),
      pools, flame]);
    var latencyChart = null, trafficChart = null, flameUrl = null;

    function refresh() {
      return api(q).then(function (r) {
        if (gen !== generation) return;
        traceUrl = typeof r.trace_url === 'string' ? r.trace_url : null;
        replace(tiles, [
          tile('Rate/s', rate(r.rate_per_s), 'rate_per_s'), tile('Error %', pct(r.error_pct), 'error_pct'),
          tile('p50 ms', ms(r.p50_ms), 'p50_ms'), tile('p90 ms', ms(r.p90_ms), 'p90_ms'),
          tile('p99 ms', ms(r.p99_ms), 'p99_ms'), tile('p99.9 ms', ms(r.p999_ms), 'p999_ms'),
          tile('Apdex', [fixed2(r.apdex), ' ', rating(r.apdex_rating)], 'apdex'),
          tile('In flight', count(r.in_flight), 'in_flight'),
          r.healthy === false ? h('div', { class: 'tile bad' }, h('div', { class: 'k' }, 'Health'),
            h('div', { class: 'v' }, h('a', { href: '#/diagnosis' }, 'unhealthy'))) : null]);
        var hist = r.history || {};
        var lat = [seconds(hist.minute_ms), clean(hist.p50_ms), clean(hist.p90_ms), clean(hist.p99_ms),
          clean(hist.p999_ms)];
        var tr = [seconds(hist.minute_ms), clean(hist.rate_per_s), clean(hist.error_pct)];
        if (!hist.minute_ms || hist.minute_ms.length < 2) {
          var wait = 'One point per minute: the chart starts after two minutes of traffic.';
          replace(latency.body, h('p', { class: 'muted empty' }, wait));
          replace(traffic.body, h('p', { class: 'muted empty' }, wait));
          latencyChart = trafficChart = null;
        } else if (latencyChart) {
          latencyChart.setData(lat);
          trafficChart.setData(tr);
        } else {
          clear(latency.body); clear(traffic.body);
          latencyChart = timeChart(latency.body, null, 'ms', hist.minute_ms, [
            { label: 'p50', color: '#2f9e44', data: hist.p50_ms }, { label: 'p90', color: '#2f6fdf', data: hist.p90_ms },
            { label: 'p99', color: '#e8590c', data: hist.p99_ms }, { label: 'p99.9', color: '#c2255c', data: hist.p999_ms }]);
          trafficChart = timeChart(traffic.body, null, '/s  ·  %', hist.minute_ms, [
            { label: 'rate/s', color: '#2f6fdf', data: hist.rate_per_s },
            { label: 'error %', color: '#e03131', data: hist.error_pct }]);
        }
        replace(sql.body, table('sql', ['Statement', 'DB', 'Count', 'Per request', 'Total ms', 'p99 ms'],
          (r.sql || []).map(function (s) {
            return h('tr', null, h('td', { class: 'left stmt' }, h('code', null, s.statement)), h('td', null, s.db_system),
              h('td', null, count(s.count)), h('td', null, fixed2(s.per_request)), h('td', null, ms(s.total_ms)),
              h('td', null, ms(s.p99_ms)));
          }), 'No SQL statements in this route.'));
        replace(n1.body, table('n1', ['Statement', 'Repeats', 'Example traces'], (r.n_plus_one || []).map(function (f) {
          return h('tr', { class: 'finding' }, h('td', { class: 'left stmt' }, h('code', null, f.statement)),
            h('td', null, count(f.count)),
            h('td', { class: 'left traces' }, (f.example_trace_ids || []).map(function (id) { return [traceLink(id), ' ']; })));
        }), 'No N+1 pattern found.'));
        replace(outbound.body, table('outbound', ['Host', 'Calls', 'Total ms', 'Share of route time'],
          (r.outbound || []).map(function (o) {
            return h('tr', null, h('td', { class: 'left' }, o.host), h('td', null, count(o.count)),
              h('td', null, ms(o.total_ms)), h('td', null, bar(o.share_of_route_time, 0.5)));
          }), 'No outbound calls.'));
        var cached = r.cache && (r.cache.hits || r.cache.misses);
        replace(cache.body, cached ? h('div', { class: 'tiles' }, tile('Hit ratio', ratio(r.cache.hit_ratio), 'hit_ratio'),
          tile('Hits', count(r.cache.hits)), tile('Misses', count(r.cache.misses)))
          : h('p', { class: 'muted empty' }, 'No cache calls.'));
        replace(pools.body, table('pools', ['Pool', 'Kind', 'Pending', 'Wait p99 ms', 'Utilization'],
          (r.pools || []).map(function (p) {
            return h('tr', null, h('td', { class: 'left' }, p.name), h('td', null, p.kind), h('td', null, count(p.pending)),
              h('td', null, ms(p.wait_p99_ms)), h('td', null, bar(p.utilization, 0.8)));
          }), 'No pool used by this route.'));
        var p = r.profile;
        var url = p && p.available && typeof p.url === 'string' && p.url.indexOf('/vigil/profile') === 0 ? p.url : null;
        if (url !== flameUrl || !flame.body.firstChild) {
          flameUrl = url;
          replace(flame.body, url
            ? [h('iframe', { class: 'flame', src: url, title: 'CPU flame graph of ' + name }),
              h('p', { class: 'muted' }, h('a', { href: url, target: '_blank', rel: 'noopener' }, 'open in its own tab'))]
            : h('p', { class: 'muted empty', id: 'no-profile' }, 'No profile: start the agent with ',
              h('code', null, '-Dvigil.profiler.continuous=true'), ' (or record one over JMX) to see where this route spends CPU.'));
        }
        showOk(r.now_ms);
      });
    }
    return refresh().then(function () { return refresh; });
  }

  function tile(k, v, field) {
    return h('div', { class: 'tile' }, h('div', { class: 'k' }, k), h('div', { class: 'v', 'data-field': field }, v));
  }

  function saturation(gen) {
    return api('saturation').then(function (s) {
      if (gen !== generation) return;
      function pool(kind) {
        return function (p) {
          return h('tr', null, h('td', { class: 'left' }, p.name), h('td', null, count(p.active)),
            h('td', null, kind === 'db' ? count(p.idle) : count(p.queued)), h('td', null, max(p.max)),
            kind === 'db' ? h('td', null, count(p.pending)) : null,
            h('td', null, ms(kind === 'db' ? p.wait_p99_ms : p.queue_wait_p99_ms)), h('td', null, bar(p.utilization, 0.8)));
        };
      }
      var gc = s.gc || {}, cpu = s.cpu || {}, vt = s.virtual_threads || {};
      replace(view, [
        h('div', { class: 'titlebar' }, h('h1', null, 'Saturation')),
        h('div', { class: 'tiles' }, tile('Process CPU', ratio(cpu.process), 'cpu_process'),
          tile('System CPU', ratio(cpu.system), 'cpu_system'), tile('GC time', ratio(gc.time_ratio), 'gc_time'),
          tile('Heap after GC', ratio(gc.heap_after_gc_ratio), 'heap_after_gc'),
          tile('Pinned virtual threads', count(vt.pinned_total), 'pinned')),
        card('Connection pools', 'connection-pools', table('pools', ['Pool', 'Active', 'Idle', 'Max', 'Pending', 'Wait p99 ms',
          'Utilization'], (s.connection_pools || []).map(pool('db')), 'No connection pool seen.')),
        card('Executors', 'executors', table('pools', ['Executor', 'Active', 'Queued', 'Max', 'Queue wait p99 ms',
          'Utilization'], (s.executors || []).map(pool('exec')), 'No executor seen.')),
        card('Server worker pools', 'server-pools', table('pools', ['Pool', 'Active', 'Queued', 'Max', 'Queue wait p99 ms',
          'Utilization'], (s.server_pools || []).map(pool('exec')), 'No server worker pool seen.'))]);
      showOk();
    });
  }

  function card(title, id, body) {
    return h('section', { class: 'card', id: id }, h('h2', null, title), body);
  }

  var KIND = {
    pool_saturation: 'pool saturated', n_plus_one: 'N+1', slow_dependency: 'slow dependency', cpu_bound: 'CPU bound',
    gc_pressure: 'GC pressure', queueing: 'queueing', cache_misses: 'cache misses', error_burst: 'error burst',
    untraced_wait: 'untraced wait', anomaly: 'anomaly', slo_burn: 'SLO burn'
  };

  function diagnosis(gen) {
    return api('diagnosis').then(function (d) {
      if (gen !== generation) return;
      var routes = (d.routes || []).filter(function (r) { return (r.causes || []).length || r.healthy === false; });
      var cards = routes.map(function (r) {
        var causes = (r.causes || []).slice().sort(function (a, b) { return (b.score || 0) - (a.score || 0); });
        return h('section', { class: 'card route-diag' + (r.healthy === false ? ' unhealthy' : ''),
            'data-method': r.method, 'data-route': r.route },
          h('h2', null, h('a', { href: routeHref(r.method, r.route) }, h('span', { class: 'method' }, r.method), ' ',
            h('span', { class: 'route' }, r.route)), r.healthy === false ? h('span', { class: 'badge bad' }, 'unhealthy') : null),
          causes.length ? h('ol', { class: 'causes' }, causes.map(function (c) {
            return h('li', { class: 'cause', 'data-kind': c.kind },
              h('div', { class: 'cause-head' }, h('span', { class: 'badge kind' }, KIND[c.kind] || c.kind),
                h('span', { class: 'score', title: 'score' }, bar(c.score)), h('strong', { class: 'title' }, c.title)),
              (c.evidence || []).length ? h('ul', { class: 'evidence' }, c.evidence.map(function (e) { return h('li', null, e); })) : null,
              (c.trace_ids || []).length ? h('div', { class: 'traces' }, 'Traces: ',
                c.trace_ids.map(function (id) { return [traceLink(id), ' ']; })) : null);
          })) : h('p', { class: 'muted' }, 'Unhealthy, with no cause found yet.'));
      });
      replace(view, [
        h('div', { class: 'titlebar' }, h('h1', null, 'Diagnosis'), h('span', { class: 'muted' }, 'likeliest cause first')),
        cards.length ? cards : h('p', { class: 'muted empty', id: 'all-healthy' }, 'Every endpoint is healthy.'),
        card('Anomalies', 'anomalies', table('anomalies', ['Route', 'Signal', 'Value', 'Usual', 'z'],
          (d.anomalies || []).map(function (a) {
            return h('tr', null, h('td', { class: 'left' }, h('a', { href: routeHref(a.method, a.route) }, a.method + ' ' + a.route)),
              h('td', null, a.signal), h('td', null, fixed2(a.value)), h('td', null, fixed2(a.mean)), h('td', null, fixed2(a.z)));
          }), 'No anomaly.')),
        card('SLO burn', 'slo', table('slo', ['Route', 'Objective', 'Burn rate', 'Budget left'], (d.slo || []).map(function (s) {
          return h('tr', { class: s.burn_rate > 1 ? 'burning' : null },
            h('td', { class: 'left' }, h('a', { href: routeHref(s.method, s.route) }, s.method + ' ' + s.route)),
            h('td', null, s.objective), h('td', null, fixed2(s.burn_rate)), h('td', null, bar(s.budget_left)));
        }), 'No SLO configured.'))]);
      showOk();
    });
  }

  // ---- routing -----------------------------------------------------------------------------------------------------
  function stop() { if (timer) { clearInterval(timer); timer = null; } }

  function route() {
    stop();
    destroyCharts();
    var gen = ++generation;
    var hash = location.hash.replace(/^#/, '') || '/';
    var qi = hash.indexOf('?');
    var path = qi < 0 ? hash : hash.slice(0, qi);
    var params = new URLSearchParams(qi < 0 ? '' : hash.slice(qi + 1));
    var name = path === '/route' ? 'route' : path === '/saturation' ? 'saturation' : path === '/diagnosis' ? 'diagnosis'
      : 'overview';
    document.querySelectorAll('nav a').forEach(function (a) {
      a.className = a.getAttribute('data-nav') === name ? 'active' : '';
    });
    var first;
    if (name === 'route') {
      first = routeView(gen, params).then(function (refresh) {
        if (gen === generation) timer = setInterval(function () { refresh().catch(showError); }, REFRESH_MS);
      });
    } else {
      var load = name === 'saturation' ? saturation : name === 'diagnosis' ? diagnosis : overview;
      first = load(gen).then(function () {
        if (gen === generation) timer = setInterval(function () { load(gen).catch(showError); }, REFRESH_MS);
      });
    }
    first.catch(function (e) {
      showError(e);
      if (!(e && e.auth) && gen === generation) {
        replace(view, h('p', { class: 'error', id: 'load-error' }, 'Could not load this view: ' + (e && e.message ? e.message : e)));
      }
      if (!(e && e.auth) && gen === generation) setTimeout(function () { if (gen === generation) route(); }, REFRESH_MS);
    });
  }

  window.addEventListener('hashchange', route);
  route();
})();
