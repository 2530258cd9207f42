#!/usr/bin/env python3
"""Real answers of amazon-pay-mock against the schemas of the OpenAPI descriptions.

Starts the mock (--no-verify, port 0, loopback), walks one checkout through capture and refund
plus a few control calls, and validates every request body sent and every answer received
against the schema the description names for it (JSON Schema 2020-12, as OpenAPI 3.1 uses).
Exit 0 when all agree; otherwise prints each disagreement and exits 1.

    check_answers.py build/mock_amazon/amazon-pay-mock mock_amazon/openapi
"""
import json
import subprocess
import sys
import urllib.error
import urllib.request

import jsonschema
import yaml


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


class Checker:
    def __init__(self, base, api, control):
        self.base = base
        self.docs = {"api": api, "control": control}
        self.failures = []

    def validate(self, doc, schema_name, value, what):
        schema = {"$ref": "#/components/schemas/" + schema_name,
                  "components": self.docs[doc]["components"]}
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(value))
        for e in errors[:5]:
            path = "/".join(str(p) for p in e.absolute_path)
            self.failures.append(f"{what}: {schema_name} at '{path}': {e.message}")

    def call(self, method, path, body=None, request_schema=None, answer=("api", None)):
        if request_schema:
            self.validate("api", request_schema, body, f"request {method} {path}")
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as res:
                status, text = res.status, res.read()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read()
        value = json.loads(text)
        doc, schema_name = answer
        if status >= 400:
            doc, schema_name = "api", "Error"
        if schema_name:
            self.validate(doc, schema_name, value, f"answer {status} to {method} {path}")
        return status, value


def walk(c):
    price = {"amount": "5000", "currencyCode": "JPY"}
    _, cs = c.call("POST", "/v2/checkoutSessions", {
        "webCheckoutDetails": {"checkoutReviewReturnUrl": "https://shop.example/review"},
        "storeId": "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef",
        "chargePermissionType": "OneTime"}, "CreateCheckoutSessionRequest",
        ("api", "CheckoutSession"))
    sid = cs["checkoutSessionId"]
    c.call("POST", f"/__mock/checkout-sessions/{sid}/sign-in",
           {"buyer": "taro", "address": "home", "paymentMethod": "card-1111"},
           answer=("control", "HostedPage"))
    c.call("PATCH", f"/v2/checkoutSessions/{sid}", {
        "webCheckoutDetails": {"checkoutResultReturnUrl": "https://shop.example/result"},
        "paymentDetails": {"paymentIntent": "Authorize", "chargeAmount": price}},
        "UpdateCheckoutSessionRequest", ("api", "CheckoutSession"))
    c.call("GET", f"/v2/checkoutSessions/{sid}", answer=("api", "CheckoutSession"))
    c.call("POST", f"/__mock/checkout-sessions/{sid}/payment-page",
           answer=("control", "HostedPage"))
    _, done = c.call("POST", f"/v2/checkoutSessions/{sid}/complete", {"chargeAmount": price},
                     "CompleteCheckoutSessionRequest", ("api", "CheckoutSession"))
    cp, charge = done.get("chargePermissionId"), done.get("chargeId")
    if not cp or not charge:
        c.failures.append(f"checkout did not complete: {done}")
        return
    c.call("GET", f"/v2/chargePermissions/{cp}", answer=("api", "ChargePermission"))
    c.call("POST", f"/v2/charges/{charge}/capture", {"captureAmount": price},
           "CaptureChargeRequest", ("api", "Charge"))
    c.call("POST", "/v2/refunds", {"chargeId": charge,
                                   "refundAmount": {"amount": "1000", "currencyCode": "JPY"}},
           "CreateRefundRequest", ("api", "Refund"))
    _, token = c.call("POST", "/__mock/buyer-tokens", {"buyer": "taro"})
    c.call("GET", f"/v2/buyers/{token['buyerToken']}", answer=("api", "BuyerProfile"))
    status, _ = c.call("GET", "/v2/charges/nope")
    if status != 404:
        c.failures.append(f"GET /v2/charges/nope answered {status}, not 404")
    c.call("GET", "/__mock/clock", answer=("control", "Clock"))
    c.call("GET", "/__mock/", answer=("control", "ControlListing"))
    c.call("GET", "/__mock/requests?path=/v2/&limit=5", answer=("control", "RequestJournal"))


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, folder = sys.argv[1], sys.argv[2]
    api, control = load(f"{folder}/amazon-pay-api.yaml"), load(f"{folder}/control-api.yaml")
    mock = subprocess.Popen([binary, "--no-verify", "--port", "0", "--start",
                             "2026-01-05T00:00:00Z"], stdout=subprocess.PIPE, text=True)
    try:
        port = None
        for line in mock.stdout:
            if line.startswith("port "):
                port = int(line.split()[1])
                break
        if port is None:
            print("amazon-pay-mock did not print its port", file=sys.stderr)
            return 1
        checker = Checker(f"http://127.0.0.1:{port}", api, control)
        walk(checker)
    finally:
        mock.terminate()
        mock.wait(timeout=10)
    for f in checker.failures:
        print(f)
    print(f"{len(checker.failures)} disagreements")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
