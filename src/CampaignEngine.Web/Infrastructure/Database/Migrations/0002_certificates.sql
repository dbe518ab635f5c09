-- Certificates: letters of gratitude, honorary certificates and honorary citizenships issued by an
-- administration (a module's issuer) to a compatriot. A row is never deleted or rewritten: a correction
-- issues a new certificate and marks the old one superseded, so every serial ever printed still verifies.

CREATE TABLE certificate (
    id             INTEGER PRIMARY KEY,
    serial         TEXT NOT NULL UNIQUE,
    compatriot_id  INTEGER NOT NULL REFERENCES directory_compatriot (id),
    module_id      TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('gratitude', 'honorary', 'honorary_citizen')),
    language       TEXT NOT NULL CHECK (language IN ('ky', 'ru', 'en')),
    -- The name as printed: the directory may change later, the certificate must not.
    holder_name    TEXT NOT NULL,
    reason         TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    issued_by      INTEGER REFERENCES auth_user (id),
    status         TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked', 'superseded')),
    revoked_at     TEXT,
    revoke_reason  TEXT,
    superseded_by  TEXT REFERENCES certificate (serial),
    -- SHA-256 (hex) of the canonical content; the signature (base64, ECDSA P-256) covers the same bytes.
    content_hash   TEXT NOT NULL,
    signature      TEXT,
    key_id         INTEGER
);
CREATE INDEX ix_certificate_module ON certificate (module_id, issued_at);
CREATE INDEX ix_certificate_compatriot ON certificate (compatriot_id);

-- One counter per serial prefix and year, so that serials are dense and readable (IK-2026-000042).
CREATE TABLE certificate_serial_counter (
    prefix TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
);

-- Signing keys, one active per issuer (module). The public key stays readable forever so that old
-- certificates verify after a key is rotated; the private key is sealed with ASP.NET Core Data Protection.
CREATE TABLE certificate_issuer_key (
    id                    INTEGER PRIMARY KEY,
    module_id             TEXT NOT NULL,
    algorithm             TEXT NOT NULL,
    public_key            TEXT NOT NULL,
    protected_private_key TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    retired_at            TEXT
);
-- At most one active key per issuer, so two first issuances racing cannot create two.
CREATE UNIQUE INDEX ux_certificate_issuer_key_active ON certificate_issuer_key (module_id) WHERE retired_at IS NULL;
