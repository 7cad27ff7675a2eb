// Lapor lapangan: a report that cannot be sent now waits in this phone's localStorage (per user)
// and is sent again, with the same submission id, when the signal returns (the "online" event and
// a retry with backoff). "Terkirim" is shown only when the server answered after its commit.
(function () {
  "use strict";
  var user = document.body.dataset.pengguna || "";
  var KEY = "lapangan:antrian:" + user;
  var form = document.getElementById("lapor");
  var keluar = document.getElementById("keluar");
  var box = document.getElementById("antrian");
  var sending = false, delay = 2000, timer = null;

  function read() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function write(q) {
    if (q.length) localStorage.setItem(KEY, JSON.stringify(q)); else localStorage.removeItem(KEY);
  }
  function newId() {
    var a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return "m-" + Array.prototype.map.call(a, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }
  function note(kind, text) {
    var d = document.createElement("div");
    d.className = kind;
    d.setAttribute("role", "status");
    d.textContent = text;
    box.insertBefore(d, box.firstChild);
    while (box.children.length > 6) box.removeChild(box.lastChild);
  }
  function showQueue() {
    var n = read().length, w = document.getElementById("menunggu");
    if (!w) { w = document.createElement("div"); w.id = "menunggu"; w.className = "tunggu"; box.parentNode.insertBefore(w, box); }
    w.hidden = n === 0;
    w.textContent = n + " laporan belum terkirim — tersimpan di ponsel ini, dikirim otomatis saat ada sinyal.";
  }
  function csrf() {
    var f = form || keluar;
    return f ? f.elements.csrf.value : "";
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(sendAll, delay);
    delay = Math.min(delay * 2, 60000);
  }
  function sendOne(item) {
    var body = new URLSearchParams(item.data);
    body.set("csrf", csrf());
    var ctl = new AbortController(), t = setTimeout(function () { ctl.abort(); }, 45000);
    return fetch("/lapangan/kirim", {
      method: "POST", body: body, credentials: "same-origin", signal: ctl.signal,
      headers: { Accept: "application/json" }
    }).then(function (r) {
      clearTimeout(t);
      return r.json().then(function (j) { return { status: r.status, j: j }; }, function () { return { status: r.status, j: {} }; });
    }, function (e) { clearTimeout(t); throw e; });
  }
  function drop(id) { write(read().filter(function (x) { return x.data.kirim_id !== id; })); }
  function sendAll() {
    var q = read();
    showQueue();
    if (sending || !q.length) return;
    if (!navigator.onLine) { later(); return; }
    sending = true;
    var item = q[0];
    sendOne(item).then(function (res) {
      sending = false;
      if (res.status === 200) {
        drop(item.data.kirim_id);
        note("ok", res.j.pesan);
        (res.j.peringatan || []).forEach(function (p) { note("tunggu", p); });
        delay = 2000;
        sendAll();
      } else if (res.status === 400) {
        drop(item.data.kirim_id);
        note("galat", item.label + ": " + (res.j.galat || "ditolak"));
        sendAll();
      } else if (res.status === 401 || res.status === 403) {
        note("galat", res.j.galat || "Muat ulang halaman.");
        showQueue();
      } else {
        later();
      }
    }, function () { sending = false; showQueue(); later(); });
  }
  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var data = {};
      new FormData(form).forEach(function (v, k) { if (k !== "csrf") data[k] = v; });
      if (!data.jam) {  // the time it was reported, not the time the signal came back
        var d = new Date();
        data.jam = ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
      }
      var tps = form.elements.tps, tahap = form.querySelector("input[name=tahap]:checked");
      var label = tps.options[tps.selectedIndex].text + " · " + (tahap ? tahap.parentNode.textContent : "");
      var q = read();
      q.push({ data: data, label: label });
      write(q);
      form.elements.kirim_id.value = newId();
      ["hadir_l", "hadir_p", "uraian", "jam"].forEach(function (k) { form.elements[k].value = ""; });
      form.elements.kategori.value = "";
      delay = 2000;
      showQueue();
      sendAll();
    });
    window.addEventListener("online", function () { delay = 2000; sendAll(); });
    sendAll();
  }
  if (keluar) {
    keluar.addEventListener("submit", function (e) {
      var n = read().length;
      if (n && !confirm("Masih ada " + n + " laporan belum terkirim. Bila keluar sekarang, laporan itu dihapus dari ponsel ini. Tetap keluar?")) {
        e.preventDefault();
        return;
      }
      Object.keys(localStorage).forEach(function (k) { if (k.indexOf("lapangan:") === 0) localStorage.removeItem(k); });
    });
  }
  document.body.dataset.siap = "1";
})();
