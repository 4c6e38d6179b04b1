"""A site's keys and public identity: Ed25519 to sign packages, X25519 to receive them.

The private keys live in `<data folder>/keys/<site id>.json`, readable by the owner only; the
public identity (name, site id, public keys) is what a peer pairs with, after comparing
fingerprints the way SSH users compare host keys.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from crm import paths
from crm.sync.errors import SyncError

IDENTITY_FORMAT = "zhaoshang-crm-site/1"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def fingerprint_of(sign_public: bytes, box_public: bytes) -> str:
    """SHA-256 over both public keys, first 16 bytes as eight groups of four hex digits."""
    digest = hashlib.sha256(b"zhaoshang-crm-site\0" + sign_public + box_public).hexdigest()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4)).upper()


@dataclass(frozen=True)
class SiteIdentity:
    """What a peer knows of a site: shareable, no secrets."""

    site_id: str
    name: str
    sign_public: bytes
    box_public: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.sign_public, self.box_public)

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.sign_public)

    def box_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.box_public)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": IDENTITY_FORMAT,
                "site_id": self.site_id,
                "name": self.name,
                "sign_public": _b64(self.sign_public),
                "box_public": _b64(self.box_public),
                "fingerprint": self.fingerprint,
            },
            ensure_ascii=False,
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> SiteIdentity:
        try:
            data = json.loads(text)
            if data.get("format") != IDENTITY_FORMAT:
                raise ValueError("format")
            identity = cls(
                site_id=str(data["site_id"]),
                name=str(data.get("name") or ""),
                sign_public=_unb64(data["sign_public"]),
                box_public=_unb64(data["box_public"]),
            )
            identity.verifier()
            identity.box_key()
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SyncError(
                "这不是本程序的站点身份文件，或文件已损坏。",
                "This is not a site identity file of this program, or it is damaged.",
                code="bad_identity",
            ) from exc
        stated = data.get("fingerprint")
        if stated and stated != identity.fingerprint:
            raise SyncError(
                "站点身份文件中的指纹与公钥不符，文件可能被改动过。",
                "The fingerprint in the identity file does not match its keys; "
                "the file may have been altered.",
                code="bad_identity",
            )
        return identity


@dataclass(frozen=True)
class SiteKeys:
    """A site's private keys (never leave this machine) and its public identity."""

    site_id: str
    signer: Ed25519PrivateKey
    box: X25519PrivateKey

    def identity(self, name: str) -> SiteIdentity:
        return SiteIdentity(
            self.site_id,
            name,
            _raw_public(self.signer.public_key()),
            _raw_public(self.box.public_key()),
        )

    @property
    def fingerprint(self) -> str:
        return self.identity("").fingerprint


def keys_dir() -> Path:
    return paths.data_dir() / "keys"


def key_file(site_id: str) -> Path:
    return keys_dir() / f"{site_id}.json"


def load_or_create_keys(site_id: str) -> SiteKeys:
    """This site's keys, made on first use."""
    path = key_file(site_id)
    if path.exists():
        return _read_keys(site_id, path)
    keys = SiteKeys(site_id, Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    _write_keys(keys, path)
    return keys


def has_keys(site_id: str) -> bool:
    return key_file(site_id).exists()


def _private_raw(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _write_keys(keys: SiteKeys, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    text = json.dumps(
        {
            "format": "zhaoshang-crm-keys/1",
            "site_id": keys.site_id,
            "sign_private": _b64(_private_raw(keys.signer)),
            "box_private": _b64(_private_raw(keys.box)),
        }
    )
    # Created owner-only from the start, then renamed into place: never readable by others.
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _read_keys(site_id: str, path: Path) -> SiteKeys:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SiteKeys(
            site_id,
            Ed25519PrivateKey.from_private_bytes(_unb64(data["sign_private"])),
            X25519PrivateKey.from_private_bytes(_unb64(data["box_private"])),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SyncError(
            f"本站点的密钥文件无法读取：{path}",
            f"This site's key file cannot be read: {path}",
            code="bad_keys",
        ) from exc
