#!/usr/bin/env bash
# What `make test` needs from the system besides Python: Debian's Chromium, which the browser tests
# (tests/e2e, Playwright) and the PDF export drive ($CHROMIUM, or chromium on the PATH), and
# libatomic1, without which the Node.js driver inside the playwright wheel does not start (a minimal
# Debian has no libatomic.so.1), and nginx, which tests/e2e/test_proxy_e2e.py runs on loopback
# with the shipped deploy/nginx/dasbor.conf and a certificate made by openssl. The deck's font ships with the app (assets/fonts),
# so no font package is needed.
# Run as root (CI, a fresh container): installs what is missing with apt-get. Otherwise: one line
# saying what to install, and a non-zero exit so `make test` stops before it starts.
set -euo pipefail

missing=()
if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] || { echo "make test: CHROMIUM=$CHROMIUM tidak dapat dijalankan — perbaiki jalurnya atau hapus variabel CHROMIUM" >&2; exit 1; }
else
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi
/sbin/ldconfig -p 2>/dev/null | grep -q 'libatomic\.so\.1 ' || missing+=(libatomic1)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang paket sistem untuk pengujian: ${missing[*]}" >&2
    # Packages installed for the tests must not start services (nginx would take port 80 on the CI
    # host, and its start fails the install where port 80 is taken): the standard policy-rc.d
    # answer "not allowed" while apt-get runs, unless the machine already has a policy of its own.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    exit 0
fi
echo "make test butuh paket sistem yang belum terpasang: ${missing[*]} — pasang dulu: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
exit 1
