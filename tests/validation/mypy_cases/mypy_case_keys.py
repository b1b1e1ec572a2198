"""[option-key]: undeclared keys, with the run-time suggestions."""

from __future__ import annotations

from models import AppOptions, Server


def cases(options: AppOptions) -> None:
    AppOptions.parse({"host": "h", "max_conucrrent_requests": 1024})  # E: Unknown key "max_conucrrent_requests" for "AppOptions"; did you mean "max_concurrent_requests"?  [option-key]
    options.parse({"host": "h", "max_conucrrent_requests": 1024})  # E: Unknown key "max_conucrrent_requests" for "AppOptions"; did you mean "max_concurrent_requests"?  [option-key]
    AppOptions.parse({"hots": "h"})  # E: Unknown key "hots" for "AppOptions"; did you mean "host"?  [option-key]
    AppOptions.parse({"host": "h", "streetz": "x"})  # E: Unknown key "streetz" for "AppOptions"; did you mean "street1" or "street2"?  [option-key]
    AppOptions.parse({"host": "h", "street1": "x", "streetz": "y"})  # E: Unknown key "streetz" for "AppOptions"; did you mean "street2"?  [option-key]
    AppOptions.parse({"host": "h", "zzzzqqqq": 1})  # E: Unknown key "zzzzqqqq" for "AppOptions"  [option-key]
    AppOptions.parse({"host": "h", "Max-Concurrent-Requests": 1})  # E: Unknown key "Max-Concurrent-Requests" for "AppOptions"; did you mean "max_concurrent_requests"?  [option-key]
    Server.parse({"host": "h", "max_concurrent_requests": 1})  # E: Unknown key "max_concurrent_requests" for "Server"  [option-key]
    AppOptions.parse({"host": "h", "port": 1, "max_concurrent_requests": 2})
    AppOptions.parse(data={"host": "h", "prot": 1})  # E: Unknown key "prot" for "AppOptions"; did you mean "port"?  [option-key]
