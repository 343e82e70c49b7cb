"""The address the room's devices open: this machine's address on the room's network when the app listens
beyond this machine, and a plain warning when it listens on this machine only."""
from __future__ import annotations

import socket

ALL_INTERFACES = ("", "0.0.0.0", "::")
LOOPBACK = ("127.", "localhost", "::1")
PROBE = ("10.255.255.255", 1)  # any address off this machine: a UDP connect picks the route, sends nothing


def lan_address() -> str | None:
    """This machine's address on its network, if it has one: the source address of the route a UDP socket
    would take (connect() sends no packet), else the host name's address; never a loopback address."""
    found = None
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(PROBE)
            found = probe.getsockname()[0]
    except OSError:
        pass
    if not found or found.startswith(LOOPBACK) or found == "0.0.0.0":
        try:
            found = socket.gethostbyname(socket.gethostname())
        except OSError:
            return None
    return None if found.startswith(LOOPBACK) else found


def local_only(listen: str | None) -> bool:
    """Whether the app listens on this machine only (server.address 127.0.0.1, localhost or ::1)."""
    return (listen or "").strip().startswith(LOOPBACK)


def room_host(listen: str | None, lan: str | None) -> str | None:
    """The host to put in the link: the network address `lan` when the app listens on every interface
    (`listen` empty, 0.0.0.0 or ::), the listened address when it is one of the network's, None when the app
    listens on this machine only (no address of the network reaches it) or when no network address is known."""
    listen = (listen or "").strip()
    if local_only(listen):
        return None
    return lan if listen in ALL_INTERFACES else listen
