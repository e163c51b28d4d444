//! Which `Host` (and, for the live-reload stream, which `Origin`) the preview server answers.
//!
//! The threat is DNS rebinding: a web page the user visits makes its own name resolve to
//! 127.0.0.1, and its scripts then read the preview (drafts included, with `--drafts`) as if
//! it were their own site. Their requests carry that name as `Host`. So a request is answered
//! only when its `Host` is the address the server listens on, or names this machine:
//! `localhost` (and `*.localhost`, RFC 6761) or a loopback address while listening on a
//! loopback or every address; with `--bind 0.0.0.0` any IP address literal (the machine's own
//! on the local network; a literal address cannot be rebound). A port, when given, must be the
//! port listened on.

use std::net::IpAddr;

/// The address and port the server listens on, which decide the hosts it answers.
#[derive(Debug, Clone, Copy)]
pub(super) struct Allowed {
    /// The address listened on (perhaps unspecified: every address).
    pub(super) bind: IpAddr,
    /// The port listened on.
    pub(super) port: u16,
}

impl Allowed {
    /// Whether a `Host` header value names this server.
    pub(super) fn host(&self, value: &str) -> bool {
        let Some((name, port)) = split_host(value.trim()) else { return false };
        if port.is_some_and(|p| p != self.port) || (port.is_none() && self.port != 80) {
            return false;
        }
        let local = self.bind.is_loopback() || self.bind.is_unspecified();
        match name.parse::<IpAddr>() {
            Ok(ip) => ip == self.bind || self.bind.is_unspecified() || (local && ip.is_loopback()),
            Err(_) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                local && (name == "localhost" || name.ends_with(".localhost"))
            }
        }
    }

    /// Whether an `Origin` header value is a page of this server (`http://host:port`).
    pub(super) fn origin(&self, value: &str) -> bool {
        value.trim().strip_prefix("http://").is_some_and(|host| !host.contains('/') && self.host(host))
    }
}

/// `name:port`, `[v6]:port`, `name` → (name without brackets, port).
fn split_host(value: &str) -> Option<(&str, Option<u16>)> {
    if let Some(rest) = value.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        return match after {
            "" => Some((name, None)),
            _ => Some((name, Some(after.strip_prefix(':')?.parse().ok()?))),
        };
    }
    match value.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') => Some((name, Some(port.parse().ok()?))),
        Some(_) => None, // a bare IPv6 address must be bracketed
        None if value.is_empty() => None,
        None => Some((value, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(bind: &str, port: u16) -> Allowed {
        Allowed { bind: bind.parse().unwrap(), port }
    }

    #[test]
    fn loopback_answers_this_machine_only() {
        let a = on("127.0.0.1", 8040);
        for ok in ["127.0.0.1:8040", "localhost:8040", "LOCALHOST:8040", "localhost.:8040", "site.localhost:8040", "[::1]:8040", "127.0.0.2:8040"] {
            assert!(a.host(ok), "{ok}");
        }
        for no in ["evil.example:8040", "127.0.0.1:8041", "localhost", "127.0.0.1", "", "localhost.evil.example:8040", "192.168.1.5:8040", "::1:8040", "[::1"] {
            assert!(!a.host(no), "{no}");
        }
        assert!(a.origin("http://localhost:8040"));
        assert!(!a.origin("http://evil.example:8040"));
        assert!(!a.origin("https://localhost:8040"));
        assert!(!a.origin("null"));
    }

    #[test]
    fn every_address_answers_address_literals() {
        let a = on("0.0.0.0", 8040);
        assert!(a.host("192.168.1.5:8040") && a.host("localhost:8040") && a.host("[fe80::1]:8040"));
        assert!(!a.host("evil.example:8040"));
        let lan = on("192.168.1.5", 80);
        assert!(lan.host("192.168.1.5") && lan.host("192.168.1.5:80"));
        assert!(!lan.host("localhost") && !lan.host("127.0.0.1"), "not listening on loopback");
    }
}
