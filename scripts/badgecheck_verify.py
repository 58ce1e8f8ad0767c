"""Verify an Open Badges assertion URL with badgecheck (the IMS Global validator),
as `openbadges verify --data URL` does, and print its report as JSON.

Runs in its own virtualenv (.venv-badgecheck, `make badgecheck`): badgecheck's
pins cannot share the project's. Exit status 0 when the badge is valid, 1 when not.

One difference from the command: the JSON-LD context
https://w3id.org/openbadges/v2 is answered from the copy badgecheck itself ships
(openbadges_context.py) instead of being fetched from w3id.org, so the check runs
without Internet access. Everything else (assertion, badge class, issuer, image)
is fetched over HTTP from the URL given, as a backpack would.
"""

import json
import sys

from openbadges.verifier import utils as verifier_utils
from openbadges.verifier import verifier
from openbadges.verifier.openbadges_context import (
    OPENBADGES_CONTEXT_V2_DICT,
    OPENBADGES_CONTEXT_V2_URI,
)

SHIPPED = {
    OPENBADGES_CONTEXT_V2_URI: OPENBADGES_CONTEXT_V2_DICT,
    OPENBADGES_CONTEXT_V2_URI.replace("https:", "http:"): OPENBADGES_CONTEXT_V2_DICT,
    "https://openbadgespec.org/v2/context.json": OPENBADGES_CONTEXT_V2_DICT,
}


class ShippedContextLoader(verifier_utils.CachableDocumentLoader):
    def __call__(self, url):
        if url in SHIPPED:
            return {
                "contextUrl": None,
                "documentUrl": url,
                "document": json.dumps(SHIPPED[url]),
            }
        return super().__call__(url)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: badgecheck_verify.py ASSERTION_URL\n")
        return 2
    verifier.CachableDocumentLoader = ShippedContextLoader
    results = verifier.verify(argv[1], use_cache=False)
    sys.stdout.write(json.dumps(results, indent=2, default=str) + "\n")
    return 0 if results["report"].get("valid") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
