// Draws the report's charts from the JSON in #report-data. The tables, captions and "nothing to show" messages are
// already in the page; a chart is drawn only where its element exists. Everything here runs offline: the chart
// library, the TopoJSON decoder and the world outlines are inlined in the same file.
(function () {
  'use strict';

  var colours = {
    text: '#1f2933',
    muted: '#616e7c',
    grid: '#e4e7eb',
    inside: '#2f6db5',
    outside: '#8d99a6',
    traffic: '#1f4e8c',
    band: 'rgba(47, 109, 181, 0.16)',
    mean: '#4a7fc1',
    alert: '#c62828',
    amber: '#f2a007',
    suppressed: '#7b8794',
    land: '#eef1f4',
    border: '#b3bcc6',
    scale: ['#dbe9f6', '#9ecae1', '#4f9bd0', '#2171b5', '#08306b']
  };

  var byteUnits = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

  // Decimal units with three significant digits, as the tables print them.
  function fmtBytes(value) {
    var v = Number(value) || 0;
    var unit = 0;
    while (Math.abs(v) >= 999.5 && unit < byteUnits.length - 1) {
      v /= 1000;
      unit++;
    }
    var digits = unit === 0 || Math.abs(v) >= 99.95 ? 0 : Math.abs(v) >= 9.995 ? 1 : 2;
    return v.toFixed(digits) + ' ' + byteUnits[unit];
  }

  function fmtCount(value) {
    return Math.round(Number(value) || 0).toLocaleString('en-US');
  }

  // UTC ISO 8601 to the second, never the viewer's local time.
  function fmtTime(ms) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  function fmtAxisTime(ms) {
    var iso = new Date(ms).toISOString();
    return iso.slice(11, 16) + '\n' + iso.slice(5, 10);
  }

  function escapeHtml(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function tooltipRows(title, rows) {
    var html = '<div class="tip"><b>' + escapeHtml(title) + '</b>';
    rows.forEach(function (row) {
      html += '<br>' + escapeHtml(row[0]) + ': <b>' + escapeHtml(row[1]) + '</b>';
    });
    return html + '</div>';
  }

  var base = {
    animation: false,
    textStyle: { fontFamily: 'inherit', color: colours.text },
    tooltip: { confine: true, backgroundColor: '#ffffff', borderColor: colours.grid, textStyle: { color: colours.text, fontSize: 12 } }
  };

  function options(extra) {
    var result = {};
    Object.keys(base).forEach(function (k) { result[k] = base[k]; });
    Object.keys(extra).forEach(function (k) {
      result[k] = k === 'tooltip' ? Object.assign({}, base.tooltip, extra[k]) : extra[k];
    });
    return result;
  }

  var charts = [];

  // Draws one chart; a failure is logged and shown in place, and the other charts are still drawn.
  function draw(id, build) {
    var element = document.getElementById(id);
    if (!element) {
      return;
    }
    try {
      var chart = echarts.init(element, null, { renderer: 'canvas' });
      chart.setOption(build());
      charts.push(chart);
    } catch (error) {
      console.error('chart ' + id + ' could not be drawn', error);
      element.textContent = 'This chart could not be drawn: ' + error.message;
      element.className += ' failed';
    }
  }

  var data = JSON.parse(document.getElementById('report-data').textContent);

  // Rings of Russia and Fiji run along the antimeridian from +180 to -180, which a flat map draws as a band
  // across the whole world. Shift the minority side by 360 degrees so every ring is continuous.
  function unwrapAntimeridian(feature) {
    var polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        var crosses = ring.some(function (p, i) { return i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180; });
        if (!crosses) {
          return;
        }
        var east = ring.filter(function (p) { return p[0] > 0; }).length * 2 >= ring.length;
        ring.forEach(function (p) {
          if (east && p[0] < 0) {
            p[0] += 360;
          } else if (!east && p[0] > 0) {
            p[0] -= 360;
          }
        });
      });
    });
  }

  // --- Countries: a world map shaded by flows, in powers of ten so small countries still show. ---
  function countryMap() {
    var topology = JSON.parse(document.getElementById('world-outlines').textContent);
    var codes = JSON.parse(document.getElementById('iso-codes').textContent);
    var alpha2 = {};
    codes.forEach(function (row) { alpha2[row[2]] = row[0]; });
    // Kosovo's outline has no ISO numeric id in world-atlas; GeoIP gives it the user-assigned code XK.
    var byName = { Kosovo: 'XK' };
    var world = topojson.feature(topology, topology.objects.countries);
    world.features = world.features.filter(function (f) { return f.id !== '010'; }); // Antarctica: space, no traffic
    world.features.forEach(unwrapAntimeridian);
    var outlined = {};
    world.features.forEach(function (f) {
      f.properties.iso = alpha2[f.id] || byName[f.properties.name] || 'outline-' + (f.id || f.properties.name);
      outlined[f.properties.iso] = true;
    });
    echarts.registerMap('fennec-world', world);

    var missing = data.countries.filter(function (c) { return !outlined[c.code]; });
    var note = document.getElementById('countries-unmapped');
    if (missing.length > 0 && note) {
      note.textContent = 'Too small for the map outlines (listed in the table): ' +
        missing.map(function (c) { return c.name + ' (' + c.code + ')'; }).join(', ') + '.';
      note.hidden = false;
    }

    var max = data.countries.reduce(function (m, c) { return Math.max(m, c.flows); }, 0);
    var pieces = [];
    for (var low = 1, i = 0; low <= max; low *= 10, i++) {
      var high = low * 10 - 1;
      pieces.push({
        min: low, max: high, color: colours.scale[Math.min(i, colours.scale.length - 1)],
        label: fmtCount(low) + (high >= max ? '+' : '–' + fmtCount(high)) + ' flows'
      });
    }
    var byCode = {};
    data.countries.forEach(function (c) { byCode[c.code] = c; });

    return options({
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var c = byCode[p.name];
          if (!c) {
            return '';
          }
          return tooltipRows(c.name + ' (' + c.code + ')', [
            ['Flows', fmtCount(c.flows)], ['Bytes', fmtBytes(c.bytes)], ['Packets', fmtCount(c.packets)],
            ['Inside hosts', fmtCount(c.insideHosts)]
          ]);
        }
      },
      visualMap: {
        type: 'piecewise', pieces: pieces, left: 8, bottom: 8, itemWidth: 14, itemHeight: 10,
        textStyle: { color: colours.muted, fontSize: 11 }, outOfRange: { color: colours.land }
      },
      series: [{
        // No roaming: the mouse wheel keeps scrolling the page, and at this scale the whole world reads as it is.
        name: 'Flows', type: 'map', map: 'fennec-world', nameProperty: 'iso', roam: false, zoom: 1.15, center: [10, 18],
        itemStyle: { areaColor: colours.land, borderColor: colours.border, borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: colours.amber } },
        select: { disabled: true },
        data: data.countries.map(function (c) { return { name: c.code, value: c.flows }; })
      }]
    });
  }

  // --- Network: force-directed graph of the busiest hosts. ---
  function networkGraph() {
    var nodes = data.network.nodes;
    var maxSeverity = data.network.maxSeverity;
    var logs = nodes.map(function (n) { return Math.log10(1 + n.bytes); });
    var lo = Math.min.apply(null, logs);
    var hi = Math.max.apply(null, logs);
    var amber = echarts.color.parse(colours.amber);
    var red = echarts.color.parse(colours.alert);
    function severityColour(severity) {
      var t = maxSeverity > 0 ? Math.min(1, severity / maxSeverity) : 1;
      return 'rgb(' + [0, 1, 2].map(function (k) { return Math.round(amber[k] + (red[k] - amber[k]) * t); }).join(',') + ')';
    }
    var labelled = nodes.slice().sort(function (a, b) { return b.bytes - a.bytes; }).slice(0, 12)
      .reduce(function (set, n) { set[n.id] = true; return set; }, {});
    var maxEdge = data.network.edges.reduce(function (m, e) { return Math.max(m, e.bytes); }, 1);
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });

    return options({
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          if (p.dataType === 'edge') {
            return tooltipRows(p.data.source + ' — ' + p.data.target, [['Bytes', fmtBytes(p.data.bytes)], ['Flows', fmtCount(p.data.flows)]]);
          }
          var n = byId[p.data.id];
          var rows = [['Where', n.inside ? 'inside' : 'outside' + (n.country ? ' (' + n.country + ')' : '')], ['Bytes', fmtBytes(n.bytes)]];
          if (n.severity > 0) {
            rows.push(['Highest incident severity', n.severity.toFixed(2)]);
          }
          return tooltipRows(n.label ? n.id + ' · ' + n.label : n.id, rows);
        }
      },
      legend: { data: ['Inside', 'Outside'], top: 4, left: 4, textStyle: { color: colours.muted } },
      series: [{
        name: 'Hosts', type: 'graph', layout: 'force', roam: true, draggable: true,
        categories: [
          { name: 'Inside', symbol: 'circle', itemStyle: { color: colours.inside } },
          { name: 'Outside', symbol: 'diamond', itemStyle: { color: colours.outside } }
        ],
        force: { repulsion: 55, gravity: 0.16, edgeLength: [20, 75], friction: 0.6, layoutAnimation: false },
        lineStyle: { color: '#9aa5b1', opacity: 0.55, curveness: 0.08 },
        emphasis: { focus: 'adjacency', lineStyle: { opacity: 0.9 } },
        label: { position: 'right', fontSize: 11, color: colours.text },
        data: nodes.map(function (n, i) {
          var size = hi > lo ? 7 + 27 * (logs[i] - lo) / (hi - lo) : 14;
          var item = {
            id: n.id, name: n.id, value: n.bytes, category: n.inside ? 0 : 1, symbolSize: Math.round(size * 10) / 10,
            label: { show: !!labelled[n.id], formatter: n.label ? n.label : n.id }
          };
          if (n.severity > 0) {
            item.itemStyle = { color: severityColour(n.severity), borderColor: '#7f1d1d', borderWidth: 1 };
          }
          return item;
        }),
        links: data.network.edges.map(function (e) {
          return {
            source: e.source, target: e.target, bytes: e.bytes, flows: e.flows,
            lineStyle: { width: 0.6 + 3.4 * Math.log10(1 + e.bytes) / Math.log10(1 + maxEdge) }
          };
        })
      }]
    });
  }

  // --- Hourly traffic with the baseline band (a transparent low series with the band's height stacked on it). ---
  function hourlyTraffic() {
    var points = data.hourly;
    function band(p) { return p.low != null && p.high != null ? Math.max(0, p.high - p.low) : null; }
    var counts = {};
    data.incidents.forEach(function (i) {
      if (i.shown) {
        counts[i.hour] = (counts[i.hour] || 0) + 1;
      }
    });
    var marks = Object.keys(counts).map(function (hour) {
      var n = counts[hour];
      return { xAxis: Number(hour), name: n + (n === 1 ? ' incident' : ' incidents') };
    });

    return options({
      grid: { left: 72, right: 24, top: 40, bottom: 56 },
      legend: { data: ['Bytes', 'Baseline mean', 'Normal band'], top: 4, textStyle: { color: colours.muted } },
      tooltip: {
        trigger: 'axis',
        formatter: function (items) {
          var p = points[items[0].dataIndex];
          var rows = [['Bytes', fmtBytes(p.bytes)], ['Packets', fmtCount(p.packets)], ['Flows', fmtCount(p.flows)]];
          if (p.mean != null) {
            rows.push(['Baseline mean', fmtBytes(p.mean)]);
          }
          if (p.low != null && p.high != null) {
            rows.push(['Normal band', fmtBytes(p.low) + ' – ' + fmtBytes(p.high)]);
          }
          if (counts[p.t]) {
            rows.push(['Incidents began', fmtCount(counts[p.t])]);
          }
          return tooltipRows(fmtTime(p.t), rows);
        }
      },
      xAxis: {
        type: 'time', axisLabel: { formatter: fmtAxisTime, color: colours.muted, hideOverlap: true, lineHeight: 14 },
        axisLine: { lineStyle: { color: colours.border } }, splitLine: { show: false }
      },
      yAxis: {
        type: 'value', name: 'bytes per hour', nameTextStyle: { color: colours.muted, align: 'left' },
        axisLabel: { formatter: fmtBytes, color: colours.muted }, splitLine: { lineStyle: { color: colours.grid } }
      },
      // Long captures get a slider; the wheel zooms only with Shift held, so it still scrolls the page.
      dataZoom: points.length > 24 * 8 ? [{ type: 'inside', zoomOnMouseWheel: 'shift', moveOnMouseWheel: false }, { type: 'slider', height: 18, bottom: 6 }] : [],
      series: [
        {
          name: 'Baseline low', type: 'line', stack: 'band', symbol: 'none', silent: true, connectNulls: false,
          lineStyle: { opacity: 0 }, areaStyle: { opacity: 0 }, tooltip: { show: false },
          data: points.map(function (p) { return [p.t, p.low != null && p.high != null ? p.low : null]; })
        },
        {
          name: 'Normal band', type: 'line', stack: 'band', symbol: 'none', silent: true, connectNulls: false,
          lineStyle: { opacity: 0 }, areaStyle: { color: colours.band }, itemStyle: { color: colours.band },
          data: points.map(function (p) { return [p.t, band(p)]; })
        },
        {
          name: 'Baseline mean', type: 'line', symbol: 'none', connectNulls: false,
          lineStyle: { type: 'dashed', width: 1.2, color: colours.mean }, itemStyle: { color: colours.mean },
          data: points.map(function (p) { return [p.t, p.mean]; })
        },
        {
          name: 'Bytes', type: 'line', symbol: 'circle', symbolSize: 3, showSymbol: points.length <= 96,
          lineStyle: { width: 1.8, color: colours.traffic }, itemStyle: { color: colours.traffic },
          data: points.map(function (p) { return [p.t, p.bytes]; }),
          markLine: {
            symbol: ['none', 'none'], silent: false,
            lineStyle: { color: colours.alert, type: 'solid', width: 1.2, opacity: 0.8 },
            label: { formatter: '{b}', color: colours.alert, fontSize: 10, position: 'insideEndTop' },
            data: marks
          }
        }
      ]
    });
  }

  // --- Incident timeline: time against severity, shown and suppressed apart. ---
  function incidentTimeline() {
    function points(shown) {
      return data.incidents.filter(function (i) { return i.shown === shown; })
        .map(function (i) { return { value: [i.first, i.severity], incident: i }; });
    }
    var span = data.incidents.reduce(function (r, i) { return [Math.min(r[0], i.first), Math.max(r[1], i.first)]; }, [Infinity, -Infinity]);
    var pad = Math.max(3600000, (span[1] - span[0]) * 0.03);

    return options({
      grid: { left: 56, right: 24, top: 40, bottom: 44 },
      legend: { data: ['Shown', 'Suppressed'], top: 4, textStyle: { color: colours.muted } },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var i = p.data.incident;
          var rows = [['Began', fmtTime(i.first)], ['Severity', i.severity.toFixed(2)], ['Kind', i.kind], ['Host', i.host]];
          if (i.peer) {
            rows.push(['Peer', i.peer]);
          }
          rows.push(['Status', i.shown ? 'shown' : 'suppressed by the alert budget']);
          return tooltipRows(i.title, rows);
        }
      },
      xAxis: {
        type: 'time', min: span[0] - pad, max: span[1] + pad,
        axisLabel: { formatter: fmtAxisTime, color: colours.muted, hideOverlap: true, lineHeight: 14 },
        axisLine: { lineStyle: { color: colours.border } }, splitLine: { show: false }
      },
      yAxis: {
        type: 'value', name: 'severity', min: 0, nameTextStyle: { color: colours.muted, align: 'left' },
        axisLabel: { color: colours.muted }, splitLine: { lineStyle: { color: colours.grid } }
      },
      series: [
        { name: 'Shown', type: 'scatter', symbolSize: 11, itemStyle: { color: colours.alert, opacity: 0.85 }, data: points(true) },
        {
          name: 'Suppressed', type: 'scatter', symbolSize: 9,
          itemStyle: { color: 'rgba(255,255,255,0)', borderColor: colours.suppressed, borderWidth: 1.5 }, data: points(false)
        }
      ]
    });
  }

  // --- Top lists: horizontal bars by bytes, largest on top. ---
  function rankedBars(items, colour) {
    return function () {
      return options({
        grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            var r = items[p.dataIndex];
            return tooltipRows(r.label ? r.key + ' · ' + r.label : r.key,
              [['Bytes', fmtBytes(r.bytes)], ['Packets', fmtCount(r.packets)], ['Flows', fmtCount(r.flows)]]);
          }
        },
        xAxis: { type: 'value', axisLabel: { formatter: fmtBytes, color: colours.muted, hideOverlap: true }, splitLine: { lineStyle: { color: colours.grid } } },
        yAxis: {
          type: 'category', inverse: true, data: items.map(function (r) { return r.key; }),
          axisLabel: { color: colours.text, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 11 },
          axisTick: { show: false }, axisLine: { lineStyle: { color: colours.border } }
        },
        series: [{
          name: 'Bytes', type: 'bar', barMaxWidth: 16, itemStyle: { color: colour, borderRadius: [0, 2, 2, 0] },
          label: { show: true, position: 'right', formatter: function (p) { return fmtBytes(p.value); }, color: colours.muted, fontSize: 11 },
          data: items.map(function (r) { return r.bytes; })
        }]
      });
    };
  }

  function sizeBars(id, count) {
    var element = document.getElementById(id);
    if (element) {
      element.style.height = Math.max(120, 26 * count + 24) + 'px';
    }
  }

  sizeBars('chart-talkers', data.topTalkers.length);
  sizeBars('chart-ports', data.topPorts.length);
  sizeBars('chart-protocols', data.protocols.length);

  draw('chart-countries', countryMap);
  draw('chart-network', networkGraph);
  draw('chart-hourly', hourlyTraffic);
  draw('chart-incidents', incidentTimeline);
  draw('chart-talkers', rankedBars(data.topTalkers, '#2f6db5'));
  draw('chart-ports', rankedBars(data.topPorts, '#3d8b7d'));
  draw('chart-protocols', rankedBars(data.protocols, '#6b5fb5'));

  // Redraws every chart at its container's size. A container with no area is left as it is: a window can report a
  // zero size while it is being laid out (a full-page capture, a minimised tab), and ECharts cannot fit a map into
  // nothing (its view transform has no inverse and it throws); the next resize redraws it.
  function resizeCharts() {
    charts.forEach(function (chart) {
      var element = chart.getDom();
      if (element.clientWidth > 0 && element.clientHeight > 0) {
        chart.resize();
      }
    });
  }

  // A drag fires many resize events: redraw once per frame.
  var resizeQueued = false;
  window.addEventListener('resize', function () {
    if (!resizeQueued) {
      resizeQueued = true;
      window.requestAnimationFrame(function () {
        resizeQueued = false;
        resizeCharts();
      });
    }
  });
  // Printing lays the page out narrower; redraw at that width before the page is printed.
  window.addEventListener('beforeprint', resizeCharts);
  document.body.setAttribute('data-report-ready', 'true');
})();
