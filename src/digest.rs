//! SHA-256 checksums as lowercase hex: what the snapshot manifests ([`crate::archive`]) and the
//! open-data downloads ([`crate::data`]) publish for each file.

use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    sha256_hex_parts(&[bytes])
}

/// Lowercase hex SHA-256 of `parts` one after another (a file handed over in pieces).
pub fn sha256_hex_parts(parts: &[&[u8]]) -> String {
    use std::fmt::Write as _;
    let mut hasher = Sha256::new();
    parts.iter().for_each(|p| hasher.update(p));
    let mut s = String::with_capacity(64);
    for b in hasher.finalize() {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(sha256_hex_parts(&[b"a", b"bc"]), sha256_hex(b"abc"));
    }
}
