"""Wait until each server named answers HTTP, within a bounded time (used by
scripts/serve.sh before it says it is serving).

    python scripts/wait_until_answering.py [--timeout S] NAME=URL [NAME=URL ...]

A node answers when it gives any HTTP response its application made (200, or
503 from /healthz with a service degraded). A proxy's 502 and 504 are not
answers: they say the node behind it is not up (nginx answered 502 for ~15 s
while gunicorn loaded the application). Prints one line per node as it
answers; exits 1 naming the nodes that did not answer in time.
"""

import argparse
import sys
import time
import urllib.error
import urllib.request

NOT_UP = {502, 504}


def answers(url, timeout=10):
    """Whether ``url`` gives an HTTP response its application made."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError as error:
        return error.code not in NOT_UP
    except OSError:  # refused or reset: nothing listening yet (or too slow)
        return False


def wait(nodes, timeout, say, interval=0.2):
    """Poll every node of ``nodes`` ({name: url}) until it answers or
    ``timeout`` seconds have passed; returns the names that did not answer."""
    started = time.monotonic()
    waiting = dict(nodes)
    while waiting:
        for name, url in list(waiting.items()):
            if answers(url):
                say(f"{name} answers after {time.monotonic() - started:.1f} s")
                del waiting[name]
        if not waiting or time.monotonic() - started >= timeout:
            break
        time.sleep(interval)
    return sorted(waiting)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--prefix", default="", help="before each line printed")
    parser.add_argument("nodes", nargs="+", metavar="NAME=URL")
    args = parser.parse_args(argv)
    nodes = dict(node.split("=", 1) for node in args.nodes)

    def say(line):
        sys.stdout.write(f"{args.prefix}{line}\n")
        sys.stdout.flush()

    late = wait(nodes, args.timeout, say)
    for name in late:
        say(
            f"{name} did not answer within {args.timeout:g} s ({nodes[name]}); "
            "its output above says why"
        )
    return 1 if late else 0


if __name__ == "__main__":
    sys.exit(main())
