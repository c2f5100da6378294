"""Nothing open beyond the chat: both servers on this machine only, Rasa's HTTP API off."""

from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.e2e

LISTEN = "0A"
LOOPBACK = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it


def listening_addresses(port: int) -> set:
    """Local addresses with a socket listening on port (IPv4 and IPv6), from the kernel's own table."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, _, state = line.split()[1:4]
            address, hex_port = local.split(":")
            if state == LISTEN and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_the_action_server_and_the_rasa_server_listen_on_loopback_only(assistant):
    assert listening_addresses(assistant.action_port) == {LOOPBACK}
    assert listening_addresses(assistant.rasa_port) == {LOOPBACK}


@pytest.mark.parametrize("path", ["/conversations/someone/tracker", "/status", "/model/parse"])
def test_rasas_http_api_is_off(assistant, path):
    answer = requests.request("POST" if path == "/model/parse" else "GET", assistant.url + path, timeout=10)
    assert answer.status_code == 404
