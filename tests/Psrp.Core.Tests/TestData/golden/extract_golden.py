#!/usr/bin/env python3
"""Extract the golden vectors of psrp-facts.md section 13 into files, byte-for-byte.

Usage: python3 extract_golden.py /work/shared/protocol/psrp-facts.md [outdir]

For every fenced block under a "### GVn" heading (GV1..GV10):
  * a single-line base64 block  -> gvN-<name>.b64   (the text exactly as in the markdown)
  * a block of hex byte pairs   -> gvN-<name>.hex   (hex pairs, one line)
Message data shown as text (fenced blocks, or inline `...` after "Data:"-style prefixes)
                              -> gvN-<name>.msgK.txt (UTF-8, no trailing newline;
                                 K = index of the message inside gvN-<name>.b64)
The "  - fragment @..." bullet lines that follow a base64 block are written to
expected.txt as "<file>|<bullet text>", so tests check the values as stated in the
markdown without anyone retyping them.
"""
import base64, re, sys, pathlib

# Names, in order of appearance, for the blocks of each vector.
NAMES = {
    "GV1": {"b64": ["creation"], "hex": ["creation-first61"],
            "txt": ["creation.msg0", "creation.msg1"]},
    "GV2": {"b64": ["session-capability", "application-private-data"], "hex": [],
            "txt": ["session-capability.msg0"]},
    "GV3": {"b64": ["runspacepool-state"], "hex": ["runspacepool-state"], "txt": []},
    "GV4": {"b64": ["pipeline-input"], "hex": ["end-of-input-fragment"], "txt": []},
    "GV5": {"b64": ["create-pipeline"], "hex": [], "txt": ["create-pipeline.msg0"]},
    "GV6": {"b64": ["connect", "connect-response"], "hex": [], "txt": []},
    "GV7": {"b64": ["host-call", "host-response"], "hex": [], "txt": []},
    "GV8": {"b64": ["public-key", "encrypted-session-key"], "hex": [], "txt": []},
    "GV9": {"b64": [], "hex": ["public-key-request"], "txt": []},
    "GV10": {"b64": [], "hex": [], "txt": []},
}

# Message data quoted inline (single backticks) after these prefixes; the file gets
# one .msgK.txt per backticked piece, K counting from the given message index.
INLINE = {
    "Data: `": ("gv3-runspacepool-state", 0),
    "Input data: `": ("gv4-pipeline-input", 0),
    "RUNSPACEPOOL_INIT_DATA data: `": ("gv6-connect-response", 1),
    "Call data: `": ("gv7-host-call", 0),
    "Response data: `": ("gv7-host-response", 0),
}

B64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
HEX = re.compile(r"^([0-9a-fA-F]{2})( [0-9a-fA-F]{2})*$")

def main():
    src = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else pathlib.Path(__file__).parent)
    start = src.index("## 13. Golden test vectors (real captures)")
    gv, counters, expected, last_b64 = None, {}, [], None
    inline_count = [0]
    i = start
    while i < len(src):
        line = src[i]
        m = re.match(r"^### (GV\d+) ", line)
        if m:
            gv = m.group(1)
            if gv not in NAMES:
                break
            counters[gv] = {"b64": 0, "hex": 0, "txt": 0}
            last_b64 = None
        elif line.startswith("```") and gv:
            j = i + 1
            body = []
            while not src[j].startswith("```"):
                body.append(src[j])
                j += 1
            i = j
            if len(body) == 1 and B64.match(body[0]) and len(body[0]) % 4 == 0:
                base64.b64decode(body[0], validate=True)
                name = f"{gv.lower()}-{NAMES[gv]['b64'][counters[gv]['b64']]}.b64"
                counters[gv]["b64"] += 1
                (out / name).write_text(body[0] + "\n", encoding="ascii")
                last_b64 = name
            elif body and all(HEX.match(b) for b in body):
                name = f"{gv.lower()}-{NAMES[gv]['hex'][counters[gv]['hex']]}.hex"
                counters[gv]["hex"] += 1
                (out / name).write_text(" ".join(body).lower() + "\n", encoding="ascii")
            elif len(body) == 1:
                name = f"{gv.lower()}-{NAMES[gv]['txt'][counters[gv]['txt']]}.txt"
                counters[gv]["txt"] += 1
                (out / name).write_bytes(body[0].encode("utf-8"))
            else:
                raise ValueError(f"unrecognised block in {gv} at line {i}")
        elif line.startswith("  - fragment @") and last_b64:
            expected.append(f"{last_b64}|{line[4:]}")
        elif gv:
            for prefix, (stem, first) in INLINE.items():
                if line.startswith(prefix):
                    pieces = re.findall(r"`([^`]+)`", line)
                    for k, piece in enumerate(pieces):
                        (out / f"{stem}.msg{first + k}.txt").write_bytes(piece.encode("utf-8"))
                        inline_count[0] += 1
        i += 1
    for k, v in NAMES.items():
        for kind in ("b64", "hex", "txt"):
            assert counters[k][kind] == len(v[kind]), (k, kind, counters[k])
    assert inline_count[0] == 7, inline_count
    (out / "expected.txt").write_text("\n".join(expected) + "\n", encoding="utf-8")

if __name__ == "__main__":
    main()
