"""Address checks: which hosts a fetch may connect to.

A URL in a draft is untrusted input. Without a check, a link (or a redirect
from an innocent-looking page) could make quoteverify read a router admin page,
a cloud metadata endpoint or a service on the user's own machine and quote it
back in a report. So every hop is resolved and refused when any address it
resolves to is not globally routable, unless the user allows private addresses.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

Resolver = Callable[[str, int], Iterable[str]]

ALLOWED_SCHEMES = ("http", "https")


class AddressRefused(Exception):
    """The URL points somewhere quoteverify will not connect to."""


class ResolveFailed(Exception):
    """The host name does not resolve (DNS failure)."""


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ResolveFailed(f"cannot resolve host {host}") from exc
    return [str(info[4][0]) for info in infos]


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses only."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4-mapped or 6to4/NAT64 wrapper must not smuggle a private IPv4 address past the check.
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            return is_public_address(str(mapped))
    return ip.is_global and not ip.is_multicast


def check_url(
    url: str,
    *,
    allow_private: bool,
    trusted_hosts: Iterable[str] = (),
    resolver: Resolver = system_resolver,
) -> None:
    """Raise `AddressRefused` (or `ResolveFailed`) unless ``url`` may be fetched."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise AddressRefused(f"only http and https URLs are fetched, not {scheme or 'a relative URL'}")
    host = (parts.hostname or "").lower()
    if not host:
        raise AddressRefused("the URL has no host")
    if parts.username or parts.password:
        # Credentials in a link are either a mistake or an attempt to confuse the host check.
        raise AddressRefused("URLs with a user name or password are not fetched")
    if allow_private or host in {h.lower() for h in trusted_hosts}:
        return
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise AddressRefused("the URL has an invalid port") from exc
    addresses = list(resolver(host, port))
    if not addresses:
        raise ResolveFailed(f"cannot resolve host {host}")
    for address in addresses:
        if not is_public_address(address):
            raise AddressRefused(
                f"{host} resolves to the non-public address {address} (use --allow-private for local sources)"
            )


PeerCheck = Callable[[str, str], None]


def guarded_pool_classes(check: PeerCheck) -> dict[str, type]:
    """urllib3 pool classes whose connections call ``check(host, peer_address)`` right after connecting.

    The URL check resolves the name once and the connection resolves it again,
    so a hostile DNS server could answer "public" to the first and "loopback"
    to the second (DNS rebinding). Checking the socket's actual peer, before
    TLS and before a single request byte is sent, closes that gap.
    """
    import socket as _socket

    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    def checked(conn: HTTPConnection, sock: _socket.socket) -> _socket.socket:
        try:
            peer = sock.getpeername()[0]
        except OSError:
            return sock
        try:
            check(conn.host, str(peer))
        except BaseException:
            sock.close()
            raise
        return sock

    class GuardedHTTPConnection(HTTPConnection):
        def _new_conn(self) -> _socket.socket:
            return checked(self, super()._new_conn())

    class GuardedHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> _socket.socket:
            return checked(self, super()._new_conn())

    class GuardedHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = GuardedHTTPConnection

    class GuardedHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = GuardedHTTPSConnection

    return {"http": GuardedHTTPConnectionPool, "https": GuardedHTTPSConnectionPool}
