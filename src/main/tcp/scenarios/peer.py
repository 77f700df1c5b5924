"""Client and server programs for NetLab's TCP scenario tests (run inside network namespaces).

server PORT MODE: listens, prints READY, serves one connection, exits.
client HOST PORT MODE: connects and plays its part; prints what happened (ok, refused, timeout).
"""
import socket
import struct
import sys
import time

MARKER = b"NLMARK-LOST-SEGMENT"
BULK = 300_000


def bulk_payload():
    data = bytearray(b"a" * BULK)
    data[100_000 : 100_000 + len(MARKER)] = MARKER  # the router drops the segment holding this once
    return bytes(data)


def read_all(conn):
    total = 0
    while True:
        try:
            chunk = conn.recv(65536)
        except ConnectionResetError:
            return total
        if not chunk:
            return total
        total += len(chunk)


def server(port, mode):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if mode == "slow-reader":
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # inherited by the accepted socket
    ls.bind(("0.0.0.0", port))
    ls.listen(1)
    print("READY", flush=True)
    conn, _ = ls.accept()
    if mode == "request-reply":
        conn.recv(100)
        conn.sendall(b"world")
        read_all(conn)  # until the client's FIN
    elif mode == "half-close":
        read_all(conn)  # the client's request, up to its FIN
        for i in range(3):  # the server keeps sending after the client's FIN
            conn.sendall(b"reply-%d;" % i)
            time.sleep(0.05)
    elif mode == "close-first":
        conn.sendall(b"bye")
        time.sleep(0.05)
    elif mode == "rst":
        conn.recv(100)
        conn.sendall(b"world")
        read_all(conn)  # ends with the client's RST
    elif mode in ("bulk", "slow-reader"):
        if mode == "slow-reader":
            time.sleep(1.5)  # a reader that falls behind: the window closes
        print(read_all(conn), flush=True)
    try:
        conn.close()
    except OSError:
        pass
    ls.close()


def client(host, port, mode):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(30)
    try:
        s.connect((host, port))
    except ConnectionRefusedError:
        print("refused")
        return
    except (TimeoutError, socket.timeout, OSError) as e:
        print("timeout" if "timed out" in str(e) or isinstance(e, TimeoutError) else "error %s" % e)
        return
    if mode == "idle-then-request":
        time.sleep(1.6)  # silent client: the server is left waiting for the handshake ACK
        mode = "request-reply"
    if mode == "request-reply":
        s.sendall(b"hello")
        s.recv(100)
        s.close()
    elif mode == "half-close":
        s.sendall(b"hello")
        s.shutdown(socket.SHUT_WR)
        read_all(s)
        s.close()
    elif mode == "close-first":
        read_all(s)  # until the server's FIN
        time.sleep(0.05)
        s.close()
    elif mode == "rst":
        s.sendall(b"hello")
        s.recv(100)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()  # SO_LINGER 0: close() sends a RST instead of a FIN
    elif mode in ("bulk", "slow-reader"):
        data = bulk_payload()
        # Two writes with a pause: the marker then starts a fresh segment, whole, whatever the
        # timing. In one write, segment boundaries depend on how fast this process refills the send
        # buffer, and on a busy host the marker could straddle two segments and never be dropped.
        s.sendall(data[:100_000])
        time.sleep(0.2)
        s.sendall(data[100_000:])
        s.shutdown(socket.SHUT_WR)
        read_all(s)
        s.close()
    print("ok")


if __name__ == "__main__":
    if sys.argv[1] == "server":
        server(int(sys.argv[2]), sys.argv[3])
    else:
        client(sys.argv[2], int(sys.argv[3]), sys.argv[4])
