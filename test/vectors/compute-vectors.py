#!/usr/bin/env python3
"""Expected signing values for the File Safer (NCP) and Apex Central tests.

Written from the vendors' descriptions with the Python standard library only, so it shares no
code with src/upstreams/*/signing.ts. Run `python3 test/vectors/compute-vectors.py` and paste
its output into test/unit/filesafer-signing.test.ts and test/unit/apex-signing.test.ts.
"""
import base64
import hashlib
import hmac
import json

NCP_ACCESS_KEY = "DEMOACCESSKEY0000001"
NCP_SECRET_KEY = "demo-ncp-secret-key-0123456789abcdef"
APEX_APP_ID = "b5a1c3d2-0e4f-4a6b-8c7d-9e0f1a2b3c4d"
APEX_API_KEY = "demo-apex-api-key-fedcba9876543210"


def ncp_signature(method, uri, timestamp, access_key, secret_key):
    message = method + " " + uri + "\n" + timestamp + "\n" + access_key
    digest = hmac.new(secret_key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def apex_checksum(method, path_and_query, body):
    text = method.upper() + "|" + path_and_query.lower() + "|" + "" + "|" + body
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def compact(obj):
    # Same bytes as JSON.stringify: no spaces, non-ASCII left as is, keys in insertion order.
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def apex_token(app_id, api_key, method, path_and_query, body, iat):
    header = {"alg": "HS256", "typ": "JWT"}
    claims = {"appid": app_id, "iat": iat, "version": "V1", "checksum": apex_checksum(method, path_and_query, body)}
    signing_input = b64url(compact(header)) + "." + b64url(compact(claims))
    signature = hmac.new(api_key.encode("utf-8"), signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + b64url(signature)


ncp_cases = [
    ("GET", "/hashfilter/v1/checkHash?hashCode=3395856ce81f2b7382dee72602f798b642f14140&hashType=sha1", "1763596800000", NCP_ACCESS_KEY, NCP_SECRET_KEY),
    ("GET", "/hashfilter/v1/checkHash?hashCode=44d88612fea8a8f36de82e1278abb02f&hashType=md5", "1763596800123", NCP_ACCESS_KEY, NCP_SECRET_KEY),
    ("POST", "/hashfilter/v1/getThresholdNotiConfig", "1763596800000", NCP_ACCESS_KEY, NCP_SECRET_KEY),
    ("POST", "/hashfilter/v1/setThresholdNotiConfig", "1763596861000", "OTHERACCESSKEY000002", "another-secret"),
]

apex_checksum_cases = [
    ("GET", "/WebApp/api/SuspiciousObjects/UserDefinedSO?type=file&contentFilter=3395", ""),
    ("GET", "/WebApp/API/SuspiciousObjects/UserDefinedSO?type=URL&contentFilter=Malware-CDN", ""),
    ("DELETE", "/WebApp/api/SuspiciousObjects/UserDefinedSO?type=url&content=http%3A%2F%2Fupdate.malware-cdn.org%2Fpayload.bin", ""),
    ("PUT", "/WebApp/api/SuspiciousObjects/UserDefinedSO/",
     '{"param":{"type":"ip","content":"45.155.205.233","notes":"不審なIP — 要監視","scan_action":"block"}}'),
]

apex_token_cases = [
    (APEX_APP_ID, APEX_API_KEY, "PUT", "/WebApp/api/SuspiciousObjects/UserDefinedSO/",
     '{"param":{"type":"ip","content":"45.155.205.233","notes":"不審なIP — 要監視","scan_action":"block"}}', 1763596800),
    (APEX_APP_ID, APEX_API_KEY, "GET", "/WebApp/api/SuspiciousObjects/UserDefinedSO?type=file&contentFilter=3395", "", 1763596800),
]

print(json.dumps({
    "ncpSignatures": [
        {"method": m, "uri": u, "timestamp": t, "accessKey": a, "secretKey": s, "signature": ncp_signature(m, u, t, a, s)}
        for (m, u, t, a, s) in ncp_cases
    ],
    "apexChecksums": [
        {"method": m, "pathAndQuery": p, "body": b, "checksum": apex_checksum(m, p, b)}
        for (m, p, b) in apex_checksum_cases
    ],
    "apexTokens": [
        {"applicationId": i, "apiKey": k, "method": m, "pathAndQuery": p, "body": b, "issuedAt": t,
         "checksum": apex_checksum(m, p, b), "token": apex_token(i, k, m, p, b, t)}
        for (i, k, m, p, b, t) in apex_token_cases
    ],
}, indent=2, ensure_ascii=False))
