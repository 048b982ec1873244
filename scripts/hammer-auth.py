#!/usr/bin/env python3
"""Measures what a crowd guessing passwords on `POST /api/v1/auth/token` does to a user browsing the site.

One signed-in user reads a page every half second: first alone, then while N anonymous clients each send up to
R requests/s with random usernames (every guess costs a password hash, and no lockout applies). Prints the user's
p50/p95 for both phases and the attackers' answers. Standard library only; not a test.

    scripts/hammer-auth.py --base http://127.0.0.1:8105 --user thucphan --password danvan-demo
"""

import argparse
import http.cookiejar
import json
import re
import secrets
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter


def log_in(base: str, username: str, password: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/tai-khoan/dang-nhap/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(f"{base}/tai-khoan/dang-nhap/", body.encode(), headers={"Referer": base})
    opener.open(request).read()
    if not any(cookie.name == "sessionid" for cookie in jar):
        raise SystemExit("Đăng nhập thất bại: kiểm tra --user và --password.")
    return opener


def browse(opener, url: str, seconds: float) -> list[float]:
    times = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        opener.open(url).read()
        times.append((time.monotonic() - start) * 1000)
        time.sleep(0.5)
    return times


def attack(base: str, rate: float, stop: threading.Event, answers: Counter, lock: threading.Lock):
    while not stop.is_set():
        start = time.monotonic()
        body = json.dumps({"username": f"guess-{secrets.token_hex(4)}", "password": secrets.token_hex(8)})
        request = urllib.request.Request(
            f"{base}/api/v1/auth/token", body.encode(), headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = "error"
        with lock:
            answers[status] += 1
        stop.wait(max(0.0, 1 / rate - (time.monotonic() - start)))


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"{len(times)} requests, p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="thucphan")
    parser.add_argument("--password", default="danvan-demo")
    parser.add_argument("--page", default="/", help="the page the user reads")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rate", type=float, default=4, help="requests/s per attacking client")
    parser.add_argument("--seconds", type=float, default=30, help="length of each phase")
    args = parser.parse_args()

    opener = log_in(args.base, args.user, args.password)
    url = args.base + args.page
    print(f"alone:        {summary(browse(opener, url, args.seconds))}")

    stop, answers, lock = threading.Event(), Counter(), threading.Lock()
    attackers = [
        threading.Thread(target=attack, args=(args.base, args.rate, stop, answers, lock)) for _ in range(args.clients)
    ]
    for thread in attackers:
        thread.start()
    under_attack = browse(opener, url, args.seconds)
    stop.set()
    for thread in attackers:
        thread.join()
    print(f"under attack: {summary(under_attack)}")
    sent = sum(answers.values())
    print(f"attackers:    {sent} requests ({sent / args.seconds:.1f}/s), answers {dict(answers)}")


if __name__ == "__main__":
    main()
