"""The sync package file: a clear header, changes encrypted to the receiver, a signature.

Layout (all integers big-endian):

    MAGIC (12 bytes) | header length (4) | header (UTF-8 JSON)
    | ephemeral X25519 public key (32) | nonce (12) | ciphertext
    | Ed25519 signature (64) over everything before it

The ciphertext is ChaCha20-Poly1305 over the zlib-compressed body, keyed by HKDF-SHA256 of
the X25519 exchange between the ephemeral key and the receiver's key, with the header as
associated data: the header cannot be changed without the receiver noticing either.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from crm.sync.errors import SyncError
from crm.sync.identity import SiteIdentity, SiteKeys

MAGIC = b"ZSCRM-SYNC\x00\x01"
FORMAT_VERSION = 1
SIGNATURE_BYTES = 64
_KEY_BYTES = 32
_NONCE_BYTES = 12
_LENGTH = struct.Struct(">I")
_HKDF_INFO = b"zhaoshang-crm sync package v1"


@dataclass(frozen=True)
class Header:
    """What anyone holding the file may read: who sent it to whom, and which cursors."""

    sender: str
    receiver: str
    package_id: str
    created_at: str
    schema: str
    #: The receiver's own `seq` up to which the sender holds the receiver's changes.
    ack: int
    #: The sender's `seq` range in this package (first, last); (0, 0) when empty.
    first_seq: int
    last_seq: int
    changes: int
    format: int = FORMAT_VERSION

    def to_bytes(self) -> bytes:
        return json.dumps(self.__dict__, sort_keys=True, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Header:
        values: dict[str, Any] = json.loads(data.decode("utf-8"))
        return cls(**values)


def _not_a_package() -> SyncError:
    return SyncError(
        "这不是本程序的同步包，或文件不完整。",
        "This is not a sync package of this program, or the file is incomplete.",
        code="not_a_package",
    )


def _shared_key(private: X25519PrivateKey, public: X25519PublicKey, header: bytes) -> bytes:
    secret = private.exchange(public)
    return HKDF(
        algorithm=hashes.SHA256(), length=_KEY_BYTES, salt=None, info=_HKDF_INFO + header
    ).derive(secret)


def seal(header: Header, body: bytes, *, sender: SiteKeys, receiver: SiteIdentity) -> bytes:
    """The package bytes for `body` (the changes, already serialised)."""
    header_bytes = header.to_bytes()
    ephemeral = X25519PrivateKey.generate()
    key = _shared_key(ephemeral, receiver.box_key(), header_bytes)
    nonce = os.urandom(_NONCE_BYTES)
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, zlib.compress(body, 6), header_bytes)
    signed = b"".join(
        (
            MAGIC,
            _LENGTH.pack(len(header_bytes)),
            header_bytes,
            ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
            nonce,
            ciphertext,
        )
    )
    return signed + sender.signer.sign(signed)


def read_header(data: bytes) -> Header:
    """The clear header, unverified: enough to find the sender's identity."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4 + SIGNATURE_BYTES:
        raise _not_a_package()
    (length,) = _LENGTH.unpack_from(data, len(MAGIC))
    start = len(MAGIC) + 4
    if start + length + _KEY_BYTES + _NONCE_BYTES + SIGNATURE_BYTES > len(data):
        raise _not_a_package()
    try:
        return Header.from_bytes(data[start : start + length])
    except (ValueError, TypeError) as exc:
        raise _not_a_package() from exc


def check_receiver(header: Header, site_id: str) -> None:
    """Refuse a package addressed to another site than `site_id`."""
    if header.receiver != site_id:
        raise SyncError(
            "这个同步包是发给另一个站点的，不能在这里导入。未写入任何数据。",
            "This package is addressed to another site and cannot be imported here. "
            "Nothing was written.",
            code="wrong_receiver",
        )


def open_package(data: bytes, *, sender: SiteIdentity, receiver: SiteKeys) -> tuple[Header, bytes]:
    """Verify the signature, check the receiver, decrypt: the header and the body."""
    header = read_header(data)
    signed, signature = data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]
    try:
        sender.verifier().verify(signature, signed)
    except InvalidSignature as exc:
        raise SyncError(
            f"同步包的签名无效：文件被改动过，或并非来自“{sender.name}”。未写入任何数据。",
            f"The package's signature is invalid: the file was altered or is not from "
            f"'{sender.name}'. Nothing was written.",
            code="bad_signature",
        ) from exc
    check_receiver(header, receiver.site_id)
    start = len(MAGIC) + 4
    header_bytes = data[start : start + _LENGTH.unpack_from(data, len(MAGIC))[0]]
    rest = signed[start + len(header_bytes) :]
    ephemeral = X25519PublicKey.from_public_bytes(rest[:_KEY_BYTES])
    nonce = rest[_KEY_BYTES : _KEY_BYTES + _NONCE_BYTES]
    key = _shared_key(receiver.box, ephemeral, header_bytes)
    try:
        compressed = ChaCha20Poly1305(key).decrypt(
            nonce, rest[_KEY_BYTES + _NONCE_BYTES :], header_bytes
        )
        return header, zlib.decompress(compressed)
    except (InvalidTag, zlib.error) as exc:
        raise SyncError(
            "同步包无法解密：它不是用本站点的密钥加密的，或已损坏。未写入任何数据。",
            "The package cannot be decrypted: it was not encrypted for this site's key, "
            "or it is damaged. Nothing was written.",
            code="cannot_decrypt",
        ) from exc
