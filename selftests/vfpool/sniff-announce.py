#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""sniff-announce.py IFNAME SECONDS READY_FILE

Prints the announcements that arrive on IFNAME, one line each, until
SECONDS have passed:
  garp IPV4 SENDER_MAC    a gratuitous ARP (sender address = target)
  na IPV6 SENDER_MAC      an unsolicited neighbour advertisement with the
                          override flag, to all nodes
READY_FILE is created once the socket listens. IFNAME may still be down:
frames count from when it comes up."""
import errno
import ipaddress
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003


def mac(b):
    return ":".join("%02x" % x for x in b)


def main():
    ifname, seconds, ready = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((ifname, 0))
    open(ready, "w").close()
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        s.settimeout(left)
        try:
            frame = s.recv(2048)
        except socket.timeout:
            break
        except OSError as e:
            # Bound while down: the error is reported once, then the
            # socket is hooked in when the link comes up.
            if e.errno != errno.ENETDOWN:
                raise
            continue
        src, ethertype = frame[6:12], struct.unpack("!H", frame[12:14])[0]
        body = frame[14:]
        if ethertype == 0x0806 and len(body) >= 28:
            op = struct.unpack("!H", body[6:8])[0]
            spa, tpa = body[14:18], body[24:28]
            if op in (1, 2) and spa == tpa:
                print("garp", ipaddress.IPv4Address(spa), mac(src), flush=True)
        elif ethertype == 0x86DD and len(body) >= 40 + 24:
            nxt, dst = body[6], body[24:40]
            icmp = body[40:]
            if (nxt == 58 and icmp[0] == 136 and icmp[4] & 0x20 and
                    dst == ipaddress.IPv6Address("ff02::1").packed):
                print("na", ipaddress.IPv6Address(icmp[8:24]), mac(src), flush=True)


if __name__ == "__main__":
    main()
