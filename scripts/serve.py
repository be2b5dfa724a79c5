#!/usr/bin/env python3
"""Serves a built site (dist/) on 127.0.0.1, sending the precompressed .br or .gz copies made
by build-web.sh when the browser accepts them, with the right types for .wasm and .ron.

usage: serve.py [DIR] [--port N]   (port 0 or a busy port: the next free one is used)
Prints "Serving DIR at http://127.0.0.1:PORT/" once listening.
"""
import argparse
import email.utils
import functools
import http.server
import os
import socket
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".ron": "text/plain; charset=utf-8",
        ".ttf": "font/ttf",
        ".json": "application/json",
        ".html": "text/html; charset=utf-8",
    }

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepted = self.headers.get("Accept-Encoding", "")
        # Brotli first when the browser takes it (browsers ask for it over HTTPS and on
        # localhost only in some versions), else gzip.
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix) and os.path.isfile(path):
                break
        else:
            return super().send_head()
        try:
            f = open(path + suffix, "rb")
        except OSError:
            return super().send_head()
        # A browser (or the service worker's install) revalidating its copy gets a 304, as
        # for the uncompressed files.
        mtime = int(os.stat(path).st_mtime)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                if mtime <= email.utils.parsedate_to_datetime(since).timestamp():
                    f.close()
                    self.send_response(304)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return None
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(os.fstat(f.fileno()).st_size))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return f

    def end_headers(self):
        if not self._headers_buffer or b"Cache-Control" not in b"".join(self._headers_buffer):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("SERVE_QUIET"):
            return
        super().log_message(fmt, *args)


def free_port(start):
    for port in range(start, start + 100):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit("no free port")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", nargs="?", default="dist")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        sys.exit(f"{args.dir}/index.html not found: build first (bash scripts/build-web.sh)")
    port = args.port if args.port else free_port(8080)
    port = free_port(port)
    handler = functools.partial(Handler, directory=args.dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    print(f"Serving {args.dir} at http://127.0.0.1:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
