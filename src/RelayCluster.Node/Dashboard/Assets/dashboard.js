"use strict";
// The live dashboard: polls the node's admin API once a second and redraws; nothing is fetched from anywhere else.
(() => {
  const pollMs = 1000;
  const historyLength = 120;
  const history = new Map(); // rule -> datagrams/s samples, oldest first
  const tokenInput = document.getElementById("token");
  tokenInput.value = sessionStorage.getItem("relay-admin-token") || "";
  tokenInput.addEventListener("change", () => sessionStorage.setItem("relay-admin-token", tokenInput.value));

  const $ = (id) => document.getElementById(id);
  const text = (value) => document.createTextNode(value === undefined || value === null ? "" : String(value));

  function cell(row, value, className) {
    const td = row.insertCell();
    if (value instanceof Node) { td.appendChild(value); } else { td.appendChild(text(value)); }
    if (className) { td.className = className; }
    return td;
  }

  function state(value) {
    const span = document.createElement("span");
    span.className = "state-" + value;
    span.textContent = value;
    return span;
  }

  function number(value) {
    if (value >= 1e9) { return (value / 1e9).toFixed(1) + " G"; }
    if (value >= 1e6) { return (value / 1e6).toFixed(1) + " M"; }
    if (value >= 1e4) { return (value / 1e3).toFixed(1) + " k"; }
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }

  function sparkline(samples) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("viewBox", `0 0 ${historyLength - 1} 28`);
    svg.setAttribute("preserveAspectRatio", "none");
    const line = document.createElementNS(ns, "polyline");
    const max = Math.max(1, ...samples);
    const offset = historyLength - samples.length;
    line.setAttribute("points", samples.map((v, i) => `${offset + i},${(27 - (v / max) * 26).toFixed(2)}`).join(" "));
    svg.appendChild(line);
    return svg;
  }

  function message(textValue, isError) {
    const m = $("message");
    m.textContent = textValue;
    m.className = isError ? "error" : "";
  }

  async function getJson(path) {
    const response = await fetch(path, { cache: "no-store" });
    if (!response.ok) { throw new Error(`${path}: ${response.status}`); }
    return response.json();
  }

  function fill(tableId, rows, draw) {
    const body = $(tableId).tBodies[0];
    const fresh = document.createElement("tbody");
    for (const item of rows) { draw(fresh.insertRow(), item); }
    body.replaceWith(fresh);
  }

  function drawMembers(cluster) {
    $("cluster-name").textContent = `cluster ${cluster.name}, backplane ${cluster.backplane.kind}${cluster.backplane.connected ? "" : " (disconnected)"}`;
    fill("members", cluster.members, (row, m) => {
      row.dataset.node = m.id;
      cell(row, m.id + (m.id === cluster.self ? " (this node)" : ""));
      cell(row, m.adminUrl);
      cell(row, "[" + m.roles.join(",") + "]");
      cell(row, state(m.status));
      cell(row, state(m.reachability));
      cell(row, m.version);
    });
  }

  function drawRules(rules, stats) {
    const byRule = new Map(stats.rules.map((r) => [r.rule, r]));
    for (const name of history.keys()) { if (!byRule.has(name)) { history.delete(name); } }
    fill("rules", rules.rules, (row, rule) => {
      row.dataset.rule = rule.name;
      const s = byRule.get(rule.name);
      const datagrams = s ? s.datagramsPerSecond.toUpstream + s.datagramsPerSecond.toClient : 0;
      const samples = history.get(rule.name) || [];
      samples.push(datagrams);
      if (samples.length > historyLength) { samples.shift(); }
      history.set(rule.name, samples);
      cell(row, rule.name);
      cell(row, rule.protocol);
      cell(row, rule.listen);
      cell(row, s ? `${s.sessions} / ${s.clusterSessions}` : "–", "num");
      cell(row, s ? number(s.sessionsPerSecond) : "–", "num");
      cell(row, s ? number(datagrams) : "–", "num");
      cell(row, s ? number(s.bytesPerSecond.toUpstream + s.bytesPerSecond.toClient) : "–", "num");
      cell(row, sparkline(samples));
      const drops = s ? Object.entries(s.drops).map(([reason, count]) => `${reason} ${count}`).join(", ") : "";
      cell(row, drops || "none", "drops");
      cell(row, rule.revision, "num");
    });
  }

  function drawUpstreams(list) {
    fill("upstreams", list.upstreams, (row, u) => {
      row.dataset.rule = u.rule;
      row.dataset.upstream = u.address;
      cell(row, u.rule);
      cell(row, u.address);
      cell(row, u.weight, "num");
      cell(row, state(u.adminState), "admin-state");
      const health = document.createElement("span");
      const nodes = u.nodes.length > 0 ? u.nodes : [{ node: "here", health: u.health }];
      nodes.forEach((n, i) => {
        if (i > 0) { health.appendChild(text(", ")); }
        health.appendChild(text(n.node + " "));
        health.appendChild(state(n.health));
      });
      cell(row, health);
      cell(row, `${u.sessions} / ${u.clusterSessions}`, "num");
      const actions = document.createElement("span");
      for (const action of ["drain", "enable", "disable"]) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = action;
        button.dataset.action = action;
        button.addEventListener("click", () => act(u.rule, u.address, action));
        actions.appendChild(button);
      }
      cell(row, actions);
    });
  }

  async function act(rule, address, action) {
    const headers = {};
    if (tokenInput.value) { headers.Authorization = "Bearer " + tokenInput.value; }
    const path = `/api/rules/${encodeURIComponent(rule)}/upstreams/${encodeURIComponent(address)}/${action}`;
    try {
      const response = await fetch(path, { method: "POST", headers });
      if (response.status === 401) {
        message(`${action} ${address} refused: this node needs its admin token; enter it above and try again.`, true);
        tokenInput.focus();
        return;
      }

      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        message(`${action} ${address} failed: ${problem.detail || response.status}`, true);
        return;
      }

      const result = await response.json();
      message(`${address} of ${rule} is now ${result.adminState}.`, false);
      await refresh();
    } catch (error) {
      message(`${action} ${address} failed: ${error.message}`, true);
    }
  }

  async function refresh() {
    try {
      const [node, cluster, rules, upstreams, stats] = await Promise.all(
        ["/api/node", "/api/cluster", "/api/rules", "/api/upstreams", "/api/stats"].map(getJson));
      $("node-id").textContent = node.id;
      drawMembers(cluster);
      drawRules(rules, stats);
      drawUpstreams(upstreams);
      $("updated").textContent = "updated " + new Date().toLocaleTimeString();
    } catch (error) {
      $("updated").textContent = "cannot reach the node: " + error.message;
    }
  }

  let running = false;
  async function tick() {
    if (!running) {
      running = true;
      try { await refresh(); } finally { running = false; }
    }
  }

  tick();
  setInterval(tick, pollMs);
})();
